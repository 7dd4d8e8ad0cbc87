// The app:// scheme: serves the built renderer from inside the app, never through file://.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ElectronPort } from './electron-port';
import { contentSecurityPolicy } from './security';

export const appScheme = 'app';
export const appHost = 'kiosk';
export const appOrigin = `${appScheme}://${appHost}`;

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before `app.whenReady()`: standard + secure so the renderer gets a real origin. */
export function registerAppScheme(electron: Pick<ElectronPort, 'protocol'>): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Resolve an app:// URL to a file under rendererDir, or undefined for anything outside it. */
export function resolveAppUrl(rendererDir: string, url: string): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return undefined;
  const pathname = ['/', '/staff', '/simulator'].includes(parsed.pathname)
    ? '/index.html'
    : decodeURIComponent(parsed.pathname);
  const file = path.resolve(rendererDir, '.' + pathname);
  return file.startsWith(path.resolve(rendererDir) + path.sep) ? file : undefined;
}

export function handleAppProtocol(electron: Pick<ElectronPort, 'protocol'>, rendererDir: string): void {
  electron.protocol.handle(appScheme, async (request) => {
    const file = resolveAppUrl(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': mimeTypes[path.extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': contentSecurityPolicy(),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
