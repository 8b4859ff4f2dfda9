import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAuth } from '../lib/auth';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationCenter, WaitingBadge } from './NotificationCenter';

export interface NavItem {
  path: string;
  /** i18n key of the entry's text. */
  label: string;
}

/** Header, navigation (the entries the app gives for the user's role) and the main landmark. */
export function Shell({ nav, children }: { nav: NavItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { me, logout } = useAuth();
  if (!me) return null;
  const role = me.user.role;
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')}>
          <ul>
            {nav.map((n) => (
              <li key={n.path}>
                <NavLink to={n.path} end={n.path === '/'}>
                  {t(n.label)}
                  {n.path === '/anfragen' && <WaitingBadge />}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <span className="who">{t('nav.account', { name: me.user.displayName, role: t(`roles.${role}`), org: me.organisation.name })}</span>
          <LanguageSwitch />
          <button type="button" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <ConnectionBanner />
      <NotificationCenter />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
