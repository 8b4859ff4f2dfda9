import { useTranslation } from 'react-i18next';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'de' ? 'en' : 'de';
  return (
    <button type="button" lang={next} onClick={() => void i18n.changeLanguage(next)}>
      {t('app.switchTo')}
    </button>
  );
}
