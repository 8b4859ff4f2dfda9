import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import './navigator.css';

/** Frame of the navigator's pages: no login, plain header, language switch. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'de' ? 'en' : 'de';
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top lotse-top">
        <Link to="/lotse" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('navigator.publicNav')}>
          <ul>
            <li>
              <NavLink to="/verzeichnis">{t('navigator.directoryLink')}</NavLink>
            </li>
            <li>
              <NavLink to="/lotse">{t('navigator.title')}</NavLink>
            </li>
            <li>
              <Link to="/">{t('navigator.login')}</Link>
            </li>
          </ul>
        </nav>
        <div className="account">
          <button type="button" lang={next} onClick={() => void i18n.changeLanguage(next)}>
            {t('app.switchTo')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="lotse-main">
        {children}
      </main>
    </>
  );
}
