import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAuth } from '../app/auth';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitch } from './LanguageSwitch';

const ADMIN_ROLES = ['office_admin', 'provider_admin', 'platform_admin'];

/** Header, role-aware navigation and the main landmark. */
export function Shell({ children }: { children: ReactNode }) {
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
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            {ADMIN_ROLES.includes(role) && (
              <li>
                <NavLink to="/users">{t('nav.users')}</NavLink>
              </li>
            )}
            {role === 'platform_admin' && (
              <li>
                <NavLink to="/organisations">{t('nav.organisations')}</NavLink>
              </li>
            )}
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
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
