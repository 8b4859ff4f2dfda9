import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { useFocusHeadingOnPublicPage } from '../lib/route-focus';
import { LanguageSwitch } from './LanguageSwitch';

/** Frame of the public pages (directory, navigator): no login, one header, language switch. */
export function PublicFrame({ title, home, variant, children }: { title: string; home: string; variant: 'pub' | 'lotse'; children: ReactNode }) {
  const { t } = useTranslation();
  useFocusHeadingOnPublicPage();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className={`top ${variant}-top`}>
        <Link to={home} className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('public.nav')}>
          <ul>
            <li>
              <NavLink to="/verzeichnis">{t('public.directory')}</NavLink>
            </li>
            <li>
              <NavLink to="/lotse">{t('public.navigator')}</NavLink>
            </li>
            <li>
              <Link to="/">{t('public.login')}</Link>
            </li>
          </ul>
        </nav>
        <div className="account">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`${variant}-main`}>
        {children}
      </main>
    </>
  );
}
