import type { TFunction } from 'i18next';
import type { Value } from './Figure';

/** "Am häufigsten: <name> (<n>)." for the row with the largest count in column 1, or that every row is under 5. */
export function largestSentence(t: TFunction, rows: Value[][]): string {
  let top: Value[] | null = null;
  for (const r of rows) if (typeof r[1] === 'number' && (top === null || r[1] > (top[1] as number))) top = r;
  return top ? t('monitoring.largest', { name: top[0], n: (top[1] as number).toLocaleString('de-DE') }) : t('monitoring.allSuppressed');
}
