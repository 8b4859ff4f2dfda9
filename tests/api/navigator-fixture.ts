import { shippedDialogues } from '../../server/features/navigator/shipped';

/** The shipped Köln dialogue, moved to another district (so a test file owns that district's dialogue). */
export function dialogueFor(ags: string, name: string, area = { lat: 48.7665, lon: 11.4258, radiusKm: 25 }) {
  const d = structuredClone(shippedDialogues().get('05315')!);
  return { ...d, municipality: { ags, name }, title: { de: `Hilfe-Lotse ${name}`, en: `Help guide ${name}` }, area };
}
