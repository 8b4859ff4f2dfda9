import i18n from 'i18next';
import de from './i18n/de.json';
import en from './i18n/en.json';

// The page's texts travel in its own chunk, not in the app's first download (client/src/i18n/index.ts
// leaves them out); they are added, merged with the navigation name, before the page first renders.
i18n.addResourceBundle('de', 'translation', { monitoring: de }, true, true);
i18n.addResourceBundle('en', 'translation', { monitoring: en }, true, true);
