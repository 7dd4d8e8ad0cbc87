// Page routing by path, and links between pages that keep the browser host's token.
import { describe, expect, it } from 'vitest';
import { linkTo, pageFor, routeOf } from '../../../../renderer/app/route';

describe('routeOf', () => {
  it('maps /staff and /simulator, and everything else to the patient kiosk', () => {
    expect(routeOf('/')).toBe('kiosk');
    expect(routeOf('/index.html')).toBe('kiosk');
    expect(routeOf('/staff')).toBe('staff');
    expect(routeOf('/staff/')).toBe('staff');
    expect(routeOf('/simulator')).toBe('simulator');
    // Electron serves the renderer from app://kiosk/…; the last segment decides there too.
    expect(routeOf('/renderer/staff')).toBe('staff');
    expect(routeOf('/staffroom')).toBe('kiosk');
  });
});

describe('linkTo', () => {
  it('keeps the query string (the ?token=) on internal links', () => {
    expect(linkTo('staff', '?token=abc')).toBe('./staff?token=abc');
    expect(linkTo('kiosk', '?token=abc')).toBe('./?token=abc');
    expect(linkTo('simulator', '')).toBe('./simulator');
  });
});

describe('pageFor (config `mode`)', () => {
  it('opens the staff console for the home page of a staff terminal', () => {
    expect(pageFor('kiosk', 'staff')).toBe('staff');
  });

  it('leaves the staff console and the simulator panel where they are on a staff terminal', () => {
    expect(pageFor('staff', 'staff')).toBe('staff');
    expect(pageFor('simulator', 'staff')).toBe('simulator');
  });

  it('keeps every page of a kiosk, and of a terminal whose mode is not yet known, as it is', () => {
    expect(pageFor('kiosk', 'kiosk')).toBe('kiosk');
    expect(pageFor('staff', 'kiosk')).toBe('staff');
    expect(pageFor('kiosk', undefined)).toBe('kiosk');
  });
});
