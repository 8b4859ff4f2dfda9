import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import './directory.css';

/** Frame of the public pages: no login, the same header for directory and navigator. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
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
      <header className="top pub-top">
        <Link to="/verzeichnis" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('directory.publicNav')}>
          <ul>
            <li>
              <NavLink to="/verzeichnis">{t('directory.title')}</NavLink>
            </li>
            <li>
              <NavLink to="/lotse">{t('directory.navigatorLink')}</NavLink>
            </li>
            <li>
              <Link to="/">{t('directory.login')}</Link>
            </li>
          </ul>
        </nav>
        <div className="account">
          <button type="button" lang={next} onClick={() => void i18n.changeLanguage(next)}>
            {t('app.switchTo')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="pub-main">
        {children}
      </main>
    </>
  );
}
