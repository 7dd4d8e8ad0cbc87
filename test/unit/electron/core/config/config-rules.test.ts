// Settings refused at start with the key named: the staff PIN hash format, names with hidden characters, paths.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import { hashStaffPin, hashStaffPinSync } from '../../../../../electron/core/staff/staff-pin';

/** The config.invalid error of `input`, or a failure when the input is accepted. */
function refusal(input: unknown): { code: string; message: string } {
  try {
    parseConfig(input);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('the settings were accepted');
}

describe('staff.pinHash', () => {
  it('accepts what the hash tool writes, at the default cost and at a cheaper one', async () => {
    const tool = hashStaffPinSync('482916');
    expect(parseConfig({ staff: { pinHash: tool } }).staff.pinHash).toBe(tool);
    const cheap = await hashStaffPin('2468', { N: 1024, r: 8, p: 1 });
    expect(parseConfig({ staff: { pinHash: cheap } }).staff.pinHash).toBe(cheap);
    expect(parseConfig({ staff: { pinHash: '' } }).staff.pinHash).toBe('');
  });

  it('refuses a malformed hash, naming the key, in Japanese, with config.invalid', async () => {
    const good = await hashStaffPin('2468', { N: 1024, r: 8, p: 1 });
    const [, N, r, p, salt = '', key = ''] = good.split('$');
    // 12-byte salt (16 base64 characters) instead of the tool's 16 bytes.
    const shortSalt = Buffer.alloc(12, 7).toString('base64');
    // The last character of a 16-byte base64 value carries 4 unused bits that must be zero.
    const nonCanonical = `${salt.slice(0, 21)}B==`;
    const malformed = [
      good.slice(0, -4), // truncated when pasted
      `${good}\n`, // a line break pasted with it
      good.replace('scrypt$', 'bcrypt$'),
      ['scrypt', 1000, r, p, salt, key].join('$'), // N not a power of two
      ['scrypt', 2 ** 22, r, p, salt, key].join('$'), // 512 MiB per check: beyond scrypt's memory limit
      ['scrypt', N, 0, p, salt, key].join('$'),
      ['scrypt', N, r, p, shortSalt, key].join('$'),
      ['scrypt', N, r, p, nonCanonical, key].join('$'),
      ['scrypt', N, r, p, salt, key.slice(4)].join('$'),
      'x'.repeat(600),
    ];
    for (const pinHash of malformed) {
      const error = refusal({ staff: { pinHash } });
      expect(error.code).toBe('config.invalid');
      expect(error.message).toMatch(/^設定ファイルに誤りがあります/);
      expect(error.message).toMatch(/staff\.pinHash: /);
      expect(error.message).not.toMatch(/\n\s+at /);
    }
  });
});

describe('names shown to staff and written to the log', () => {
  const hidden = [
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
    '\u061C',
    '\u0000',
    '\t',
    '\n',
    '\r',
    '\u001B',
    '\u007F',
    '\u0085',
    '\u2028',
    '\u2029',
  ];

  it('take ordinary Japanese and Latin names', () => {
    expect(parseConfig({ terminalName: '受付2（正面玄関）' }).terminalName).toBe('受付2（正面玄関）');
    expect(parseConfig({ reader: { nameFilter: 'SONY FeliCa RC-S300/P' } }).reader.nameFilter).toBe(
      'SONY FeliCa RC-S300/P',
    );
  });

  it('refuse control characters and bidi controls, naming the key', () => {
    for (const char of hidden) {
      expect(refusal({ terminalName: `受付${char}1` }).message, JSON.stringify(char)).toMatch(
        /terminalName: /,
      );
      expect(refusal({ reader: { nameFilter: `RC${char}S300` } }).message).toMatch(/reader\.nameFilter: /);
    }
  });

  it('refuse an empty, padded or overlong terminal name', () => {
    expect(refusal({ terminalName: '' }).message).toMatch(/terminalName: 空にはできません/);
    expect(refusal({ terminalName: ' 受付1' }).message).toMatch(/terminalName: /);
    expect(refusal({ terminalName: 'あ'.repeat(65) }).message).toMatch(/terminalName: 64文字以内/);
    expect(parseConfig({ terminalName: 'あ'.repeat(64) }).terminalName).toHaveLength(64);
  });
});

describe('paths the kiosk writes', () => {
  it('must be absolute; the log may also be kept in memory', () => {
    expect(refusal({ log: { path: 'data/log.sqlite' } }).message).toMatch(/log\.path: 絶対パス/);
    expect(refusal({ gateway: { folders: { request: 'share/req' } } }).message).toMatch(
      /gateway\.folders\.request: 絶対パス/,
    );
    expect(refusal({ gateway: { folders: { face: './face' } } }).message).toMatch(/gateway\.folders\.face: /);
    expect(refusal({ gateway: { folders: { result: '/share/res\n' } } }).message).toMatch(
      /gateway\.folders\.result: /,
    );
    expect(parseConfig({ log: { path: ':memory:' } }).log.path).toBe(':memory:');
    expect(parseConfig({ log: { path: '/var/lib/kiosk/log.sqlite' } }).log.path).toBe(
      '/var/lib/kiosk/log.sqlite',
    );
  });
});
