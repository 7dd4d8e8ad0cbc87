// The app:// scheme: serves the built renderer from inside the app, never through file://; never throws.
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

/** The page shown when the renderer keeps crashing (renderer-recovery.ts): static, no script, from main. */
export const OUT_OF_SERVICE_PATH = '/out-of-service.html';
export const outOfServiceUrl = `${appOrigin}${OUT_OF_SERVICE_PATH}`;

/**
 * The out-of-service message in every kiosk language, the same words as the renderer catalogues'
 * `outOfService.heading` and `outOfService.instruction` (renderer/i18n; a test holds them equal).
 */
export const OUT_OF_SERVICE_TEXT = [
  { lang: 'ja', heading: 'ただいま使用できません', instruction: 'お手数ですが、受付にお声がけください。' },
  { lang: 'en', heading: 'Temporarily unavailable', instruction: 'Please speak to the reception desk.' },
  { lang: 'zh-Hans', heading: '暂时无法使用', instruction: '请向挂号处咨询。' },
  { lang: 'ko', heading: '지금은 사용할 수 없습니다', instruction: '접수처에 문의해 주세요.' },
  { lang: 'vi', heading: 'Tạm thời không sử dụng được', instruction: 'Vui lòng liên hệ quầy tiếp nhận.' },
] as const;

/** The out-of-service page: plain HTML under the same CSP as the renderer (no script, no inline style). */
export function outOfServicePage(): string {
  const sections = OUT_OF_SERVICE_TEXT.map(
    (t) => `<section lang="${t.lang}"><h1>${t.heading}</h1><p>${t.instruction}</p></section>`,
  ).join('\n');
  return `<!doctype html>\n<html lang="ja">\n<head><meta charset="utf-8"><title>${OUT_OF_SERVICE_TEXT[0].heading}</title></head>\n<body>\n${sections}\n</body>\n</html>\n`;
}

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

/**
 * The answer to one app:// request. Malformed URLs (unparsable, bad percent-encoding, NUL bytes, not a
 * string) get 400, anything not found or outside the renderer folder 404; it resolves, it never rejects.
 */
export async function answerAppRequest(
  rendererDir: string,
  request: { readonly url: unknown },
): Promise<Response> {
  // No WebSocket here: the window talks to the core over IPC, so connect-src stays 'self'.
  const headers = securityHeaders();
  const text = (status: number, body: string): Response =>
    new Response(body, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  let target: RendererTarget;
  try {
    const url = request.url;
    if (typeof url !== 'string' || url.includes('\0')) return text(400, 'Bad request');
    const parsed = parseRequestUrl(url);
    if (
      parsed?.protocol === `${appScheme}:` &&
      parsed.host === appHost &&
      parsed.pathname === OUT_OF_SERVICE_PATH
    ) {
      return new Response(outOfServicePage(), {
        headers: { ...headers, 'Content-Type': mimeType('x.html') },
      });
    }
    target = resolveAppUrl(rendererDir, url);
    if (target.kind === 'file' && target.file.includes('\0')) return text(400, 'Bad request');
  } catch {
    return text(400, 'Bad request');
  }
  if (target.kind === 'bad-request') return text(400, 'Bad request');
  if (target.kind === 'outside') return text(404, 'Not found');
  try {
    const body = await readFile(target.file);
    return new Response(body, { headers: { ...headers, 'Content-Type': mimeType(target.file) } });
  } catch {
    // Missing, a folder, unreadable: the same 404 either way.
    return text(404, 'Not found');
  }
}

export function handleAppProtocol(electron: Pick<ElectronPort, 'protocol'>, rendererDir: string): void {
  electron.protocol.handle(appScheme, (request) => answerAppRequest(rendererDir, request));
}
