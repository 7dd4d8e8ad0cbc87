// Serves the built renderer from one folder over HTTP under the hosts' shared policy (core/host-policy).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  mimeType,
  parseRequestUrl,
  resolveRendererPath,
  securityHeaders as policyHeaders,
} from '../core/host-policy';

/** The shared headers, with this host's WebSocket (same host and port, ws: scheme) allowed to connect. */
export function securityHeaders(origin: string): Record<string, string> {
  return policyHeaders(origin ? [origin.replace(/^http/, 'ws')] : []);
}

const plainText = { 'Content-Type': 'text/plain; charset=utf-8' };

export async function serveStatic(
  root: string,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = securityHeaders(origin);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = parseRequestUrl(req.url ?? '/', origin);
  const target = url ? resolveRendererPath(root, url.pathname) : ({ kind: 'bad-request' } as const);
  if (target.kind === 'bad-request') {
    res.writeHead(400, { ...headers, ...plainText }).end('Bad request');
    return;
  }
  if (target.kind === 'outside') {
    res.writeHead(404, headers).end();
    return;
  }
  const { file } = target;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    res.writeHead(200, { ...headers, 'Content-Type': mimeType(file), 'Content-Length': String(info.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A read that fails after the headers went out (file removed, I/O error) ends this response only; an
    // unhandled stream error would end the host.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch {
    res.writeHead(404, { ...headers, ...plainText }).end('Not found');
  }
}
