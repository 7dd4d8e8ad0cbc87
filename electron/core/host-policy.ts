// How both hosts serve the renderer: one CSP, one set of security headers, one MIME table, one path rule.
import path from 'node:path';

/**
 * Our own bundle only; no inline script, no remote anything. `connectSources` adds the origins a host's
 * page must reach beyond 'self' (the browser host's WebSocket: CSP 'self' does not cover ws:).
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every response of either host, whatever its status. */
export function securityHeaders(connectSources: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSources),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** The only types the renderer build produces; anything else is served as opaque bytes (with nosniff). */
export const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

export function mimeType(file: string): string {
  return mimeTypes[path.extname(file)] ?? 'application/octet-stream';
}

/** Pages that are the single-page app itself (each gets index.html). */
export const appRoutes: ReadonlySet<string> = new Set(['/', '/index.html', '/staff', '/simulator']);

/** What a request path names under the renderer folder. */
export type RendererTarget =
  | { kind: 'file'; file: string }
  /** Not a path at all (broken percent-encoding): the client's fault, 400. */
  | { kind: 'bad-request' }
  /** A path that leaves the renderer folder: answered as if nothing were there, 404. */
  | { kind: 'outside' };

/** Map an already parsed URL pathname to a file under `root`; never throws. */
export function resolveRendererPath(root: string, pathname: string): RendererTarget {
  if (appRoutes.has(pathname)) return { kind: 'file', file: path.resolve(root, 'index.html') };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'bad-request' };
  }
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + decoded);
  return file.startsWith(base + path.sep) ? { kind: 'file', file } : { kind: 'outside' };
}

/** `new URL()` without the exception: a request target it cannot parse is a bad request. */
export function parseRequestUrl(target: string, base?: string): URL | undefined {
  try {
    return new URL(target, base);
  } catch {
    return undefined;
  }
}
