// The staff console's frame: title, navigation between its pages and the sign-out button.
import type { ReactNode } from 'react';

export interface StaffNavItem {
  id: string;
  label: string;
  badge?: number;
}

export interface StaffLayoutProps {
  page: string;
  title: string;
  terminalName: string;
  nav: readonly StaffNavItem[];
  current: string;
  onNavigate: (id: string) => void;
  onSignOut?: () => void;
  signOutLabel?: string;
  children: ReactNode;
}

export function StaffLayout({
  page,
  title,
  terminalName,
  nav,
  current,
  onNavigate,
  onSignOut,
  signOutLabel,
  children,
}: StaffLayoutProps) {
  return (
    <div className="staff" data-screen={page}>
      <header className="staff-header">
        <p className="staff-title">
          {title} <span className="staff-terminal">{terminalName}</span>
        </p>
        {onSignOut ? (
          <button type="button" className="button button-quiet" onClick={onSignOut}>
            {signOutLabel}
          </button>
        ) : null}
      </header>
      {nav.length > 0 ? (
        <nav className="staff-nav" aria-label={title}>
          {nav.map((item) => (
            <button
              key={item.id}
              type="button"
              className="button button-choice"
              aria-pressed={item.id === current}
              onClick={() => onNavigate(item.id)}
            >
              {item.label}
              {item.badge ? <span className="staff-badge">{item.badge}</span> : null}
            </button>
          ))}
        </nav>
      ) : null}
      <main className="staff-main" aria-labelledby="staff-heading">
        {children}
      </main>
    </div>
  );
}
