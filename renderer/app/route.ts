// Which page this is (patient kiosk, staff console, simulator panel), and links that keep the ?token= query.
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
