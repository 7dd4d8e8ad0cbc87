// The browser host's home page on a staff terminal (config `mode: "staff"`): the staff console, not the patient screen.
import type { TerminalMode } from '../common/contract';

/**
 * Where a request for the home page goes on a staff terminal: the staff console, keeping the query (the token).
 * A staff terminal has no patient screen of its own (its reader sits on the desk); any other path is served as is.
 */
export function staffHomeRedirect(mode: TerminalMode | undefined, url: URL): string | undefined {
  if (mode !== 'staff') return undefined;
  if (url.pathname !== '/' && url.pathname !== '/index.html') return undefined;
  return `/staff${url.search}`;
}
