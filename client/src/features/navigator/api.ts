import type {
  NavigatorAnswer,
  NavigatorDialogue,
  NavigatorDialogueView,
  NavigatorInterpretation,
  NavigatorLocale,
  NavigatorManaged,
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

export const getDialogueSource = (ags: string) => api<NavigatorDialogue>('GET', `/api/v1/navigator/dialogues/${encodeURIComponent(ags)}/source`);
export const getManaged = () => api<NavigatorManaged>('GET', '/api/v1/navigator/managed');
export const previewDialogue = (ags: string, dialogue: unknown) => api<NavigatorDialogueView>('POST', `/api/v1/navigator/dialogues/${encodeURIComponent(ags)}/preview`, dialogue);
export const publishDialogue = (ags: string, dialogue: unknown) =>
  api<{ ags: string; version: number; loadedAt: string }>('PUT', `/api/v1/navigator/dialogues/${encodeURIComponent(ags)}`, dialogue);
export const removeDialogue = (ags: string) => api<void>('DELETE', `/api/v1/navigator/dialogues/${encodeURIComponent(ags)}`);
/** "In your own words": the text is read on the server and neither stored nor logged there. */
export const interpretText = (text: string, lang: NavigatorLocale, ags: string) =>
  api<NavigatorInterpretation>('POST', '/api/v1/navigator/interpret', { text, lang, ags });
