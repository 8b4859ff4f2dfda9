import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';

type Dict = Record<string, unknown>;
// Each feature keeps its texts beside it (features/<name>/i18n/{de,en}.json), under its own key.
// The monitoring page's texts (the largest set, read by few) come with its lazy chunk
// (features/monitoring/texts.ts); the app's own files keep only its name for the navigation.
const featureFiles = import.meta.glob<Dict>(['../features/*/i18n/*.json', '!../features/monitoring/i18n/*.json'], { eager: true, import: 'default' });
function withFeatures(base: Dict, lang: 'de' | 'en'): Dict {
  const out: Dict = { ...base };
  for (const [path, dict] of Object.entries(featureFiles)) {
    const m = path.match(/features\/([^/]+)\/i18n\/(de|en)\.json$/);
    if (m && m[2] === lang) out[m[1]] = dict;
  }
  return out;
}

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('hpb.lang') : null;

void i18n.use(initReactI18next).init({
  resources: { de: { translation: withFeatures(de, 'de') }, en: { translation: withFeatures(en, 'en') } },
  lng: stored === 'en' ? 'en' : 'de',
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem('hpb.lang', lng);
});
document.documentElement.lang = i18n.language;

export default i18n;
