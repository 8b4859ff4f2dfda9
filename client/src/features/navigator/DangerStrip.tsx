import { useTranslation } from 'react-i18next';

/** Nationwide numbers, right wherever a person lives: shown before anything else is asked. */
export function DangerStrip() {
  const { t } = useTranslation();
  return (
    <aside className="lotse-danger-strip" aria-labelledby="lotse-danger-strip-heading">
      <p id="lotse-danger-strip-heading" className="lotse-danger-strip-title">
        {t('navigator.dangerNow')}
      </p>
      <p className="lotse-danger-strip-calls">
        <a className="lotse-call" href="tel:110">
          {t('navigator.police')} 110
        </a>
        <a className="lotse-call" href="tel:116111">
          {t('navigator.kummer')} <span className="lotse-nowrap">116 111</span>
        </a>
      </p>
    </aside>
  );
}
