import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NavigatorDialogue } from '../../shared/schemas/navigator';

/**
 * A classic dialogue with a postcode step (concern → age → postcode → urgency), moved to another
 * district so a test file owns that district's dialogue. It is the shape a municipality may load;
 * the shipped dialogues ask the place before the dialogue instead.
 */
export function dialogueFor(ags: string, name: string, area = { lat: 48.7665, lon: 11.4258, radiusKm: 25 }): NavigatorDialogue {
  const d: NavigatorDialogue = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/navigator-classic-dialogue.json'), 'utf8'));
  return { ...d, municipality: { ags, name }, title: { de: `Hilfe-Lotse ${name}`, en: `Help guide ${name}` }, area };
}
