/**
 * The four demo districts' dialogues are the general dialogue with their own place: this script
 * writes them from server/features/navigator/dialogues/general.json, so the questions and their
 * vocabulary ("in your own words") stay identical everywhere.
 *
 *   npx tsx scripts/navigator-dialogues.ts          write the four files
 *   npx tsx scripts/navigator-dialogues.ts --check  exit 1 when a file differs from what it would write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(import.meta.dirname, '../server/features/navigator/dialogues');

interface Place {
  file: string;
  municipality: { ags: string; name: string };
  title: { de: string; en: string };
  /** Where the offers are, in each language ("in Köln", "im Landkreis Mainz-Bingen"). */
  where: { de: string; en: string };
  area: { lat: number; lon: number; radiusKm: number };
}

export const DEMO_PLACES: Place[] = [
  { file: 'koeln.json', municipality: { ags: '05315', name: 'Köln' }, title: { de: 'Hilfe-Lotse Köln', en: 'Help guide Cologne' }, where: { de: 'in Köln', en: 'in Cologne' }, area: { lat: 50.9375, lon: 6.9603, radiusKm: 25 } },
  { file: 'leipzig.json', municipality: { ags: '14713', name: 'Leipzig' }, title: { de: 'Hilfe-Lotse Leipzig', en: 'Help guide Leipzig' }, where: { de: 'in Leipzig', en: 'in Leipzig' }, area: { lat: 51.3396, lon: 12.3713, radiusKm: 25 } },
  { file: 'luebeck.json', municipality: { ags: '01003', name: 'Lübeck' }, title: { de: 'Hilfe-Lotse Lübeck', en: 'Help guide Lübeck' }, where: { de: 'in Lübeck', en: 'in Lübeck' }, area: { lat: 53.8655, lon: 10.6866, radiusKm: 25 } },
  {
    file: 'mainz-bingen.json',
    municipality: { ags: '07339', name: 'Mainz-Bingen' },
    title: { de: 'Hilfe-Lotse Mainz-Bingen', en: 'Help guide Mainz-Bingen' },
    where: { de: 'im Landkreis Mainz-Bingen', en: 'in the district of Mainz-Bingen' },
    area: { lat: 49.9183, lon: 8.0576, radiusKm: 30 },
  },
];

/** JSON with two spaces, but each vocabulary list on one line (they are long and read as a list). */
export function formatDialogue(d: unknown): string {
  const lists: string[][] = [];
  const text = JSON.stringify(
    d,
    (key, value) => {
      if (key === 'keywords' && value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value as Record<string, string[]>).map(([lang, words]) => [lang, `\u0000${lists.push(words) - 1}\u0000`]));
      }
      return value;
    },
    2,
  );
  return `${text.replace(/"\\u0000(\d+)\\u0000"/g, (_, i: string) => `[${lists[Number(i)].map((w) => JSON.stringify(w)).join(', ')}]`)}\n`;
}

/** The demo files as they must be: general.json with each district's place, title and intro. */
export function demoDialogueFiles(): Map<string, string> {
  const general = JSON.parse(readFileSync(join(DIR, 'general.json'), 'utf8')) as Record<string, unknown>;
  const out = new Map<string, string>();
  for (const p of DEMO_PLACES) {
    const d = {
      ...general,
      municipality: p.municipality,
      title: p.title,
      intro: {
        de: `Ein paar kurze Fragen. Danach zeigen wir passende Hilfe-Angebote und Kontakte ${p.where.de}. Sie können jederzeit einen Schritt zurück gehen oder neu beginnen.`,
        en: `A few short questions. Then we show fitting offers of help and contacts ${p.where.en}. You can go back a step or start again at any time.`,
      },
      area: p.area,
    };
    out.set(p.file, formatDialogue(d));
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let differs = false;
  for (const [file, text] of demoDialogueFiles()) {
    const path = join(DIR, file);
    if (check) {
      if (readFileSync(path, 'utf8') !== text) {
        console.error(`${file} differs from general.json with its place: run npx tsx scripts/navigator-dialogues.ts`);
        differs = true;
      }
    } else writeFileSync(path, text);
  }
  if (differs) process.exit(1);
}
