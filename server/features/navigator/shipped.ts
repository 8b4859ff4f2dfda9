import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NavigatorDialogue } from '../../../shared/schemas/navigator';
import { parseDialogue } from './dialogue';

export const DIALOGUES_DIR = join(import.meta.dirname, 'dialogues');

let shipped: Map<string, NavigatorDialogue> | undefined;

/**
 * The dialogues that ship with the product (dialogues/*.json), one per municipality, used until the
 * platform admin loads one of its own. Validated (zod and graph rules) when first read: a broken
 * file stops the server instead of confusing a family.
 */
export function shippedDialogues(): Map<string, NavigatorDialogue> {
  if (!shipped) {
    const out = new Map<string, NavigatorDialogue>();
    for (const file of readdirSync(DIALOGUES_DIR).filter((f) => f.endsWith('.json')).sort()) {
      try {
        const d = parseDialogue(JSON.parse(readFileSync(join(DIALOGUES_DIR, file), 'utf8')));
        out.set(d.municipality.ags, d);
      } catch (e) {
        throw new Error(`Shipped navigator dialogue ${file} is invalid: ${(e as Error).message}`);
      }
    }
    shipped = out;
  }
  return shipped;
}
