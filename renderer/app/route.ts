// Which page this is (patient kiosk, staff console, simulator panel), and links that keep the ?token= query.
import type { TerminalMode } from '../../electron/common/contract';

export type AppRoute = 'kiosk' | 'staff' | 'simulator';

export function routeOf(pathname: string): AppRoute {
  const last = pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  if (last === 'staff') return 'staff';
  if (last === 'simulator') return 'simulator';
  return 'kiosk';
}

/** A relative link to another page of the kiosk that keeps the query (the browser host's token). */
export function linkTo(route: AppRoute, search: string): string {
  const path = route === 'kiosk' ? './' : `./${route}`;
  return `${path}${search}`;
}

/**
 * The page a route really opens on a terminal of this mode. A staff terminal (config `mode: "staff"`) has its
 * card reader on the reception desk and no patient of its own in front of it: its home page is the staff
 * console, and the patient screen only ever shows inside the console, turned to the patient for a step.
 * Undefined (not yet known) and kiosk leave every route as it is.
 */
export function pageFor(route: AppRoute, mode: TerminalMode | undefined): AppRoute {
  return route === 'kiosk' && mode === 'staff' ? 'staff' : route;
}
