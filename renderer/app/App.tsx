// The app shell: picks the page from the URL path — patient kiosk, staff console (/staff) or simulator (/simulator).
import type { KioskBridge } from '../bridge/kiosk-bridge';
import { SimulatorApp } from '../simulator/SimulatorApp';
import { StaffApp } from '../staff/StaffApp';
import { KioskApp } from './KioskApp';
import { routeOf } from './route';

export function App({ bridge, pathname }: { bridge: KioskBridge; pathname: string }) {
  switch (routeOf(pathname)) {
    case 'staff':
      return <StaffApp bridge={bridge} />;
    case 'simulator':
      return <SimulatorApp bridge={bridge} />;
    case 'kiosk':
      return <KioskApp bridge={bridge} />;
  }
}
