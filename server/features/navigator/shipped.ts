import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNationalHelpNumber } from '../../../shared/help-numbers';
import type { NavigatorDialogue } from '../../../shared/schemas/navigator';
import { parseDialogue } from './dialogue';

export const DIALOGUES_DIR = join(import.meta.dirname, 'dialogues');
/** The dialogue for every district without one of its own. */
export const GENERAL_FILE = 'general.json';

let shipped: { own: Map<string, NavigatorDialogue>; general: NavigatorDialogue } | undefined;

function readDialogue(file: string): NavigatorDialogue {
  try {
    return parseDialogue(JSON.parse(readFileSync(join(DIALOGUES_DIR, file), 'utf8')));
  } catch (e) {
    throw new Error(`Shipped navigator dialogue ${file} is invalid: ${(e as Error).message}`);
  }
}

/**
 * The general dialogue is shown for hundreds of districts, so it may carry no fixed local number:
 * every phone is a nationwide help number or is taken from the district's own office.
 */
export function checkGeneralDialogue(d: NavigatorDialogue): string[] {
  return [...d.emergencyContacts, ...d.contacts]
    .filter((c) => c.phone && !isNationalHelpNumber(c.phone))
    .map((c) => `contact '${c.id}': ${c.phone} is not a nationwide help number; the general dialogue may only take local numbers from the district's office`);
}

function load() {
  if (!shipped) {
    const own = new Map<string, NavigatorDialogue>();
    for (const file of readdirSync(DIALOGUES_DIR).filter((f) => f.endsWith('.json') && f !== GENERAL_FILE).sort()) {
      const d = readDialogue(file);
      own.set(d.municipality.ags, d);
    }
    const general = readDialogue(GENERAL_FILE);
    const problems = checkGeneralDialogue(general);
    if (problems.length) throw new Error(`Shipped navigator dialogue ${GENERAL_FILE} is invalid: ${problems.join('; ')}`);
    shipped = { own, general };
  }
  return shipped;
}

/**
 * The dialogues that ship with the product (dialogues/*.json), one per municipality, used until the
 * platform admin loads one of its own. Validated (zod and graph rules) when first read: a broken
 * file stops the server instead of confusing a family.
 */
export function shippedDialogues(): Map<string, NavigatorDialogue> {
  return load().own;
}

/** The shipped general dialogue (dialogues/general.json), checked to carry only nationwide numbers. */
export function generalDialogue(): NavigatorDialogue {
  return load().general;
}
