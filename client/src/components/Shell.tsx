import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { AnnounceProvider } from '../lib/announce';
import { useAuth } from '../lib/auth';
import { keepFocusClearOfStickyBars } from '../lib/focus';
import { useFocusHeadingOnRouteChange } from '../lib/route-focus';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationCenter, WaitingBadge } from './NotificationCenter';
import { SessionWarning } from './SessionWarning';

export interface NavItem {
  path: string;
  /** i18n key of the entry's text. */
  label: string;
}

/**
 * Header, navigation (the entries the app gives for the user's role), the main landmark, the one
 * live region for notices (`useAnnounce`) and the session-expiry warning; after a route change the
 * focus moves to the new page's h1.
 */
export function Shell({ nav, children }: { nav: NavItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { me, logout } = useAuth();
  useFocusHeadingOnRouteChange();
  useEffect(keepFocusClearOfStickyBars, []);
  if (!me) return null;
  const role = me.user.role;
  return (
    <AnnounceProvider>
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
      <SessionWarning />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </AnnounceProvider>
  );
}
