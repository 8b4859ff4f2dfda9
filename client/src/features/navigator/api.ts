import type {
  NavigatorAnswer,
  NavigatorDialogueView,
  NavigatorInterpretation,
  NavigatorLocale,
  NavigatorPlaces,
  NavigatorResults,
  LocalText,
} from '../../../../shared/schemas/navigator';
import { api } from '../../lib/api';

export interface DialogueSummary {
  ags: string;
  name: string;
  title: LocalText;
}

export const listDialogues = () => api<{ items: DialogueSummary[] }>('GET', '/api/v1/navigator/dialogues');
export const getDialogue = (ags: string) => api<NavigatorDialogueView>('GET', `/api/v1/navigator/dialogues/${encodeURIComponent(ags)}`);
export const getResults = (ags: string, answers: NavigatorAnswer[], locale: NavigatorLocale, postcode?: string) =>
  api<NavigatorResults>('POST', `/api/v1/navigator/dialogues/${encodeURIComponent(ags)}/results`, { answers, locale, ...(postcode ? { postcode } : {}) });
export const sendList = (ags: string, answers: NavigatorAnswer[], locale: NavigatorLocale, email: string, postcode?: string) =>
  api<{ queued: true }>('POST', `/api/v1/navigator/dialogues/${encodeURIComponent(ags)}/email`, { answers, locale, email, ...(postcode ? { postcode } : {}) });
/** The district(s) of a postcode or town name. */
export const findPlaces = (q: string) => api<NavigatorPlaces>('GET', `/api/v1/navigator/places?q=${encodeURIComponent(q)}`);
/** "In your own words": the text is read on the server and neither stored nor logged there. */
export const interpretText = (text: string, lang: NavigatorLocale, ags: string) =>
  api<NavigatorInterpretation>('POST', '/api/v1/navigator/interpret', { text, lang, ags });
