// The app:// scheme: serves the built renderer from inside the app, never through file://.
import { readFile } from 'node:fs/promises';
import {
  mimeType,
  parseRequestUrl,
  resolveRendererPath,
  securityHeaders,
  type RendererTarget,
} from '../core/host-policy';
import type { ElectronPort } from './electron-port';

export const appScheme = 'app';
export const appHost = 'kiosk';
export const appOrigin = `${appScheme}://${appHost}`;

/** Must run before `app.whenReady()`: standard + secure so the renderer gets a real origin. */
export function registerAppScheme(electron: Pick<ElectronPort, 'protocol'>): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** What an app:// URL names under rendererDir; anything not on our scheme and host is `outside`. */
export function resolveAppUrl(rendererDir: string, url: string): RendererTarget {
  const parsed = parseRequestUrl(url);
  if (!parsed) return { kind: 'bad-request' };
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return { kind: 'outside' };
  return resolveRendererPath(rendererDir, parsed.pathname);
}

export function handleAppProtocol(electron: Pick<ElectronPort, 'protocol'>, rendererDir: string): void {
  // No WebSocket here: the window talks to the core over IPC, so connect-src stays 'self'.
  const headers = securityHeaders();
  const text = (status: number, body: string): Response =>
    new Response(body, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  electron.protocol.handle(appScheme, async (request) => {
    const target = resolveAppUrl(rendererDir, request.url);
    if (target.kind === 'bad-request') return text(400, 'Bad request');
    if (target.kind === 'outside') return text(404, 'Not found');
    try {
      const body = await readFile(target.file);
      return new Response(body, { headers: { ...headers, 'Content-Type': mimeType(target.file) } });
    } catch {
      return text(404, 'Not found');
    }
  });
}
