// The hosts' shared policy: strict CSP, headers, MIME table, and the path rule that never throws.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  mimeType,
  parseRequestUrl,
  resolveRendererPath,
  securityHeaders,
} from '../../../../electron/core/host-policy';

const root = path.resolve('/r');

describe('host policy', () => {
  it('allows our own bundle only, and extra connect sources only in connect-src', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:5178']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5178;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(contentSecurityPolicy()).toContain("connect-src 'self';");
    expect(csp.replace(' ws://127.0.0.1:5178', '')).toBe(contentSecurityPolicy());
  });

  it('sends the same security headers whatever the connect sources', () => {
    const { 'Content-Security-Policy': a, ...rest } = securityHeaders();
    const { 'Content-Security-Policy': b, ...restWithSocket } = securityHeaders(['ws://x']);
    expect(a).not.toBe(b);
    expect(restWithSocket).toEqual(rest);
    expect(rest).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
  });

  it('types files by extension, unknown ones as opaque bytes', () => {
    expect(mimeType('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/r/a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/r/a.exe')).toBe('application/octet-stream');
    expect(mimeType('/r/noext')).toBe('application/octet-stream');
  });

  it('maps app pages to index.html and keeps every other path inside the folder', () => {
    for (const page of ['/', '/staff', '/simulator', '/index.html']) {
      expect(resolveRendererPath(root, page)).toEqual({ kind: 'file', file: path.join(root, 'index.html') });
    }
    expect(resolveRendererPath(root, '/assets/a.js')).toEqual({
      kind: 'file',
      file: path.join(root, 'assets', 'a.js'),
    });
    expect(resolveRendererPath(root, '/..%2F..%2Fetc%2Fpasswd')).toEqual({ kind: 'outside' });
    expect(resolveRendererPath(root, '/%2e%2e')).toEqual({ kind: 'outside' });
  });

  it('answers broken percent-encoding as a bad request instead of throwing', () => {
    for (const pathname of ['/%E0%A4%A', '/%', '/%zz', '/a%']) {
      expect(resolveRendererPath(root, pathname)).toEqual({ kind: 'bad-request' });
    }
  });

  it('parses request targets without throwing', () => {
    expect(parseRequestUrl('/a?b=1', 'http://127.0.0.1:1')?.pathname).toBe('/a');
    expect(parseRequestUrl('//', 'http://127.0.0.1:1')).toBeUndefined();
    expect(parseRequestUrl('http://[')).toBeUndefined();
    expect(parseRequestUrl('not a url')).toBeUndefined();
  });
});
