import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAuth } from '../app/auth';
import { appRoutes } from '../app/routes';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitch } from './LanguageSwitch';

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
            {appRoutes
              .filter((r) => r.nav && r.roles.includes(role))
              .map((r) => (
                <li key={r.path}>
                  <NavLink to={r.path} end={r.path === '/'}>
                    {t(r.nav!)}
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
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
