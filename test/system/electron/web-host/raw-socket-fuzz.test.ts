// The browser host under seeded hostile bytes on raw sockets: it answers every request and keeps serving the kiosk.
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { invokeChannels } from '../../../../electron/common/contract';
import { startKiosk, type RunningKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';
import { watchForCrashes, type CrashWatch } from '../../../support/crash-watch';

/**
 * The corpus is what fast-check generates from this seed: a failure names the seed and the request, and the
 * same seed replays the same requests. `KIOSK_FUZZ_SEED` explores another corpus without editing the test.
 */
const seed = Number(process.env.KIOSK_FUZZ_SEED ?? 20_240_611);
/** Requests per run of the property; each run sends one batch over parallel sockets. */
const batchSize = 25;
const runs = 400;
/** A socket still open this long after its request was sent is closed by the test. */
const socketDeadlineMs = 2_000;
/** Silence after which the client half-closes: before any answer (an incomplete request), and after one. */
const quietBeforeAnswerMs = 50;
const quietAfterAnswerMs = 10;

/** Where a generated request is sent: the host's own address, port and per-launch token. */
interface Target {
  port: number;
  origin: string;
  token: string;
}

/**
 * A request as generated: its bytes as a latin1 string (so a failure prints readably), with `{port}`, `{origin}`,
 * `{token}` and `{wrong-token}` filled in from the running host when sent.
 */
interface FuzzRequest {
  kind: string;
  raw: string;
  /** Cut the bytes after this fraction of their length (a client that stops mid-request). */
  cutAt?: number;
  /** How the client leaves: a polite half-close, or a reset (RST) at once or once the host has answered. */
  leave: Leave;
}

type Leave = 'end' | 'reset-after-write' | 'reset-after-answer';
const leave = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Leave>('end') },
  { weight: 1, arbitrary: fc.constantFrom<Leave>('reset-after-write', 'reset-after-answer') },
);

/** The real token with its first character changed: right length, wrong value. */
const wrongToken = (token: string): string => token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));

const render = (request: FuzzRequest, target: Target): Buffer => {
  const filled = request.raw
    .replaceAll('{port}', String(target.port))
    .replaceAll('{origin}', target.origin)
    .replaceAll('{token}', encodeURIComponent(target.token))
    .replaceAll('{wrong-token}', encodeURIComponent(wrongToken(target.token)));
  const bytes = Buffer.from(filled, 'latin1');
  return request.cutAt === undefined ? bytes : bytes.subarray(0, Math.floor(bytes.length * request.cutAt));
};

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** What a JSON string of arbitrary characters looks like on the wire, as latin1 bytes of its UTF-8. */
const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/** One request in ten stops at a random byte. */
const sometimesCut = fc.oneof(
  { weight: 9, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
);

// ---- request line -------------------------------------------------------------------------------------------

const method = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'PRI'),
  fc.constantFrom('get', 'G ET', '', 'GET\0', 'M-SEARCH', 'PROPFIND', 'X'.repeat(40)),
  fc.string({ unit: 'binary-ascii', maxLength: 12 }),
);

/** Path pieces chosen for what breaks decoders and path joins; raw bytes beside valid and broken escapes. */
const pathSegment = fc.oneof(
  fc.constantFrom('', 'index.html', 'assets', 'app.js', 'staff', 'simulator', 'ipc', '..', '.', '...', '~'),
  fc.constantFrom('%', '%%', '%2', '%G1', '%zz', '%E0%A4%A', '%C0%AF', '%C0%AE%C0%AE', '%ED%A0%80', '%FF%FE'),
  fc.constantFrom('%00', '%2e%2e', '%2E%2E%2F', '%2f', '%5c', '..%2f..%2f', '%252e%252e', '%u002e', '%0d%0a'),
  fc.constantFrom(
    '\\',
    '..\\..',
    ';',
    ':',
    '@',
    '[',
    ']',
    '[::1',
    '%5B',
    '{',
    '|',
    '^',
    '`',
    '"',
    "'",
    '<',
    '>',
  ),
  fc.constantFrom('\u00e9', '\u00ff', '\x7f', '\x80', '\x01', '\t'),
  fc.constantFrom('受付', '\u202e', '\ud83d\ude00', '\u0000').map(utf8),
  fc.string({ unit: 'binary-ascii', maxLength: 8 }).filter((s) => !/[\r\n ]/.test(s)),
  fc.stringMatching(/^(%[0-9A-Fa-f]{0,2}){1,6}$/),
);
const query = fc.oneof(
  fc.constant(''),
  fc.constant('?'),
  fc.constant('?token={token}'),
  fc.constantFrom('?token=', '?token=%', '?token=%zz', '?token=x&token=y', '?#', '#frag', '?a=%E0%A4%A'),
  fc.constant('?token={token}%00'),
  fc.constant('?token={wrong-token}'),
);
const pathTarget = fc
  .tuple(fc.array(pathSegment, { maxLength: 6 }), fc.boolean(), query)
  .map(([segments, leadingSlash, q]) => `${leadingSlash ? '/' : ''}${segments.join('/')}${q}`);
const requestTarget = fc.oneof(
  { weight: 4, arbitrary: pathTarget },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '*',
      '',
      '//',
      '//[',
      '//a:b@[',
      'http://[::1',
      'http://',
      'http:',
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      '/' + 'a'.repeat(9_000),
      '/%' + 'E0%A4'.repeat(500),
      '{origin}/',
      '{origin}/ipc?token={token}',
      'http://localhost:{port}/%E0%A4%A',
      '127.0.0.1:{port}',
    ),
  },
);
const version = fc.oneof(
  { weight: 6, arbitrary: fc.constant('HTTP/1.1') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1x', 'http/1.1', 'HTTP/1.', ''),
  },
);
const lineEnd = fc.oneof(
  { weight: 8, arbitrary: fc.constant('\r\n') },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\r', '\n\r', '\r\r\n') },
);

// ---- headers ------------------------------------------------------------------------------------------------

type Header = [string, string];
const hostHeader = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Header[]>([['Host', '127.0.0.1:{port}']]) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Header[]>(
      [['Host', 'localhost:{port}']],
      [],
      [['Host', '']],
      [['Host', 'evil.example']],
      [['Host', 'evil.example:{port}']],
      [
        ['Host', '127.0.0.1:{port}'],
        ['Host', 'evil.example'],
      ],
      [['Host', '127.0.0.1:{port}\0']],
      [['hOsT', ' 127.0.0.1:{port} ']],
    ),
  },
);
const originHeader = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Header[]>([['Origin', '{origin}']]) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Header[]>(
      [],
      [['Origin', 'null']],
      [['Origin', 'http://evil.example']],
      [['Origin', 'http://localhost:{port}']],
      [['Origin', '{origin}/']],
      [
        ['Origin', '{origin}'],
        ['Origin', 'http://evil.example'],
      ],
    ),
  },
);
const otherHeader = fc.oneof(
  fc.constantFrom<Header>(
    ['Connection', 'close'],
    ['Connection', 'keep-alive'],
    ['Content-Length', '0'],
    ['Content-Length', '5'],
    ['Content-Length', '-1'],
    ['Content-Length', '99999999999999999999'],
    ['Content-Length', '1, 2'],
    ['Transfer-Encoding', 'chunked'],
    ['Transfer-Encoding', 'gzip, chunked'],
    ['Transfer-Encoding', 'chunked, identity'],
    ['Expect', '100-continue'],
    ['Accept-Encoding', 'gzip, br'],
    ['Range', 'bytes=0-0,1-1,2-2'],
    ['Range', 'bytes=-1'],
    ['Cookie', '\u00ff'],
    ['X-Long', 'x'.repeat(9_000)],
    ['Bad Name', 'x'],
    ['', 'empty name'],
    [':authority', 'x'],
    ['X-Folded', 'a\r\n folded'],
  ),
  fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,12}$/), fc.string({ unit: 'binary-ascii', maxLength: 24 })),
);
const headers = fc.array(otherHeader, { maxLength: 4 });

const renderHeaders = (list: Header[], eol: string): string =>
  list.map(([name, value]) => `${name}: ${value}${eol}`).join('');

const body = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('hello', '5\r\nhello\r\n0\r\n\r\n', 'zz\r\n', '0\r\n\r\nGET / HTTP/1.1\r\n'),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map(latin1) },
);

const httpRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method,
    target: requestTarget,
    version,
    eol: lineEnd,
    host: hostHeader,
    origin: fc.oneof(fc.constant<Header[]>([]), originHeader),
    headers,
    body,
    pipelined: fc.boolean(),
    cutAt: sometimesCut,
    leave,
  })
  .map((r): FuzzRequest => ({
    kind: 'http',
    raw: [
      `${r.method} `,
      r.target,
      r.version ? ` ${r.version}` : '',
      r.eol,
      renderHeaders([...r.host, ...r.origin, ...r.headers], r.eol),
      r.eol,
      r.body,
      // A second request on the same connection, after whatever the first one left in the parser.
      r.pipelined ? 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' : '',
    ].join(''),
    cutAt: r.cutAt,
    leave: r.leave,
  }));

// ---- upgrade handshakes and WebSocket frames -----------------------------------------------------------------

type TokenMode = 'right' | 'wrong' | 'none';
const handshakeKey = fc.oneof(
  { weight: 6, arbitrary: fc.constant('dGhlIHNhbXBsZSBub25jZQ==') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'short', '!!!!!!!!!!!!!!!!!!!!!!==', 'dGhlIHNhbXBsZSBub25jZQ'),
  },
);
const upgradeHeaders = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Header[]>([]) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Header[]>(
      [['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits']],
      [['Sec-WebSocket-Extensions', 'permessage-deflate; server_max_window_bits=99']],
      [['Sec-WebSocket-Protocol', 'a, , b,']],
      [['Sec-WebSocket-Protocol', '\u00ff']],
      [['Sec-WebSocket-Version', '8']],
      [['Sec-WebSocket-Version', 'x']],
    ),
  },
);

/** One client frame: any opcode and flags, masked or not, a declared length that may not match the payload. */
const channels = Object.keys(invokeChannels);
const jsonPayload = fc.oneof(
  fc
    .record({
      id: fc.oneof(fc.nat(), fc.integer(), fc.double()),
      channel: fc.oneof(fc.constantFrom(...channels), fc.string({ maxLength: 80 })),
      request: fc.oneof(fc.constant({}), fc.jsonValue({ maxDepth: 3 })),
    })
    .map((frame) => JSON.stringify({ t: 'invoke', ...frame })),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.constantFrom('{', '{"t":"invoke"', '"__proto__"', '{"t":"invoke","__proto__":{"x":1}}', ''),
);
const payload = fc.oneof(
  jsonPayload.map((text) => Buffer.from(text, 'utf8')),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    Buffer.from([0xc0, 0xaf]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0x03, 0xe8, 0xff]),
  ),
);
const frame = fc
  .record({
    fin: fc.boolean(),
    rsv: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) },
    ),
    opcode: fc.oneof(
      { weight: 6, arbitrary: fc.constant(1) },
      { weight: 3, arbitrary: fc.constantFrom(0, 2, 8, 9, 10) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 15 }) },
    ),
    masked: fc.oneof(
      { weight: 8, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    lengthForm: fc.constantFrom<'exact' | 'wide' | 'huge' | 'lie'>(
      'exact',
      'exact',
      'exact',
      'wide',
      'huge',
      'lie',
    ),
    payload,
  })
  .map(({ fin, rsv, opcode, masked, lengthForm, payload: data }) => {
    const first = Buffer.from([(fin ? 0x80 : 0) | (rsv << 4) | opcode]);
    const maskBit = masked ? 0x80 : 0;
    let length: Buffer;
    if (lengthForm === 'huge') {
      // Declares far more than the bound (and more than exists): the host must refuse, not wait or allocate.
      length = Buffer.from([maskBit | 127, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    } else if (lengthForm === 'wide' || data.length > 125) {
      length = Buffer.from([maskBit | 126, data.length >> 8, data.length & 0xff]);
    } else if (lengthForm === 'lie') {
      length = Buffer.from([maskBit | Math.min(125, data.length + 7)]);
    } else {
      length = Buffer.from([maskBit | data.length]);
    }
    const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
    const body = masked ? Buffer.from(data.map((byte, i) => byte ^ (key[i % 4] ?? 0))) : data;
    return Buffer.concat([first, length, masked ? key : Buffer.alloc(0), body]);
  });

const upgradeRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    token: fc.constantFrom<TokenMode>('right', 'right', 'wrong', 'none'),
    path: fc.oneof(
      { weight: 8, arbitrary: fc.constant('/ipc') },
      { weight: 1, arbitrary: fc.constantFrom('/ipc/', '/IPC', '/%69pc', '/ipc%', '//ipc', '/', '*') },
    ),
    host: hostHeader,
    origin: originHeader,
    key: handshakeKey,
    extra: upgradeHeaders,
    connection: fc.constantFrom('Upgrade', 'upgrade', 'keep-alive, Upgrade', 'close'),
    upgrade: fc.constantFrom('websocket', 'websocket', 'WebSocket', 'h2c', ''),
    version: fc.constantFrom('13', '13', '13', ''),
    frames: fc.array(frame, { maxLength: 5 }),
    cutAt: sometimesCut,
    leave,
  })
  .map((r): FuzzRequest => ({
    kind: `upgrade/${r.token}`,
    raw: [
      'GET ',
      r.path,
      { right: '?token={token}', wrong: '?token={wrong-token}', none: '' }[r.token],
      ' HTTP/1.1\r\n',
      renderHeaders(
        [
          ...r.host,
          ...r.origin,
          ['Connection', r.connection],
          ['Upgrade', r.upgrade],
          ...(r.version ? [['Sec-WebSocket-Version', r.version] as Header] : []),
          ['Sec-WebSocket-Key', r.key],
          ...r.extra,
        ],
        '\r\n',
      ),
      '\r\n',
      ...r.frames.map(latin1),
    ].join(''),
    cutAt: r.cutAt,
    leave: r.leave,
  }));

const garbage: fc.Arbitrary<FuzzRequest> = fc
  .oneof(
    fc.uint8Array({ minLength: 1, maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom(
      Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
      Buffer.from('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'),
      Buffer.from('\r\n\r\n\r\n'),
      Buffer.from('GET / HTTP/1.1\r\n'),
    ),
  )
  .map((bytes): FuzzRequest => ({ kind: 'garbage', raw: latin1(bytes), leave: 'end' }));

const fuzzRequest = fc.oneof(
  { weight: 5, arbitrary: httpRequest },
  { weight: 4, arbitrary: upgradeRequest },
  { weight: 1, arbitrary: garbage },
);

// ---- sending ------------------------------------------------------------------------------------------------

/** Statuses a refused or served request may get; a 5xx other than the connection cap's 503 is a host bug. */
const acceptedStatuses = new Set([100, 101, 200, 400, 403, 404, 405, 413, 421, 431, 503]);

interface Answer {
  /** Status of the first response, or undefined when the host closed without one (an unparsable request). */
  status?: number;
  closedByHost: boolean;
}

/**
 * Writes the bytes and reads the answer. The client half-closes only once the host has gone quiet (sooner once
 * it has answered), since Node drops a pending response when the client ends first; the socket is always
 * destroyed at the end.
 */
function send(bytes: Buffer, how: Leave, target: Target): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = connect(target.port, '127.0.0.1');
    let head = '';
    let closedByHost = true;
    let quiet: NodeJS.Timeout | undefined;
    const whenQuiet = (): void => {
      clearTimeout(quiet);
      quiet = setTimeout(
        () => (how === 'end' ? socket.end() : socket.resetAndDestroy()),
        head ? quietAfterAnswerMs : quietBeforeAnswerMs,
      );
    };
    const deadline = setTimeout(() => {
      closedByHost = false;
      socket.destroy();
    }, socketDeadlineMs);
    socket.on('data', (chunk: Buffer) => {
      if (head.length < 64) head += chunk.toString('latin1');
      whenQuiet();
    });
    // The host may reset a connection it refuses; that is an answer, not a failure of the test.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(quiet);
      clearTimeout(deadline);
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), closedByHost });
    });
    socket.on('connect', () => {
      socket.write(bytes);
      if (how === 'reset-after-write') socket.resetAndDestroy();
      else whenQuiet();
    });
  });
}

// ---- the test -----------------------------------------------------------------------------------------------

describe('browser host under a raw-socket fuzz', () => {
  let host: WebHost;
  let kiosk: RunningKiosk;
  let pageUrl: string;
  let target: Target;
  let watch: CrashWatch;

  beforeAll(async () => {
    watch = watchForCrashes();
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-fuzz-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
    host = createWebHost({ staticDir: dir, port: 0, token: randomBytes(24).toString('base64url') });
    kiosk = await startKiosk(host, parseConfig({}));
    pageUrl = await host.listen();
    target = { port: Number(new URL(host.origin).port), origin: host.origin, token: host.token };
  });

  afterAll(async () => {
    await kiosk?.stop();
    watch.stop();
  });

  it(`answers ${batchSize * runs} seeded requests without ending, then still serves the page and the socket`, async () => {
    // Printed so that a failure seen in a CI log can be replayed: KIOSK_FUZZ_SEED=<seed>.
    console.info(`raw-socket fuzz: seed ${seed}, ${batchSize * runs} requests`);
    const kinds = new Map<string, number>();
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fuzzRequest, { minLength: batchSize, maxLength: batchSize }),
        async (batch) => {
          const answers = await Promise.all(
            batch.map((request) => send(render(request, target), request.leave, target)),
          );
          answers.forEach((answer, i) => {
            const kind = batch[i]?.kind ?? '?';
            kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
            const key = `${answer.status ?? 'closed'}${answer.closedByHost ? '' : ' (open at deadline)'}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            if (answer.status !== undefined && !acceptedStatuses.has(answer.status)) {
              expect.fail(`status ${answer.status} for ${JSON.stringify(batch[i])}`);
            }
          });
          expect(watch.crashes).toEqual([]);
        },
      ),
      { seed, numRuns: runs, endOnFailure: true },
    );
    console.info(
      'raw-socket fuzz: kinds',
      Object.fromEntries(kinds),
      'answers',
      Object.fromEntries(statuses),
    );
    expect(watch.crashes).toEqual([]);

    // Every fuzz socket is closed on both sides: no connection slot is left taken.
    await expect.poll(() => host.connectionCount(), { timeout: 5_000 }).toBe(0);

    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('受付');

    // As the kiosk page connects (its own rate-limit bucket, which the fuzz's sockets do not share).
    const ws = new WebSocket(
      `${host.origin.replace('http', 'ws')}/ipc?token=${encodeURIComponent(host.token)}&client=kiosk`,
      {
        headers: { Origin: host.origin },
      },
    );
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answer = await new Promise<{ id: number; result: { ok: boolean } }>((resolve) => {
      ws.once('message', (data) =>
        resolve(JSON.parse(String(data)) as { id: number; result: { ok: boolean } }),
      );
      ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'session.get', request: {} }));
    });
    expect(answer).toMatchObject({ id: 1, result: { ok: true } });
    ws.close();
    expect(watch.crashes).toEqual([]);
  }, 120_000);
});
