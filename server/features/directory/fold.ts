/**
 * Search words folded the way the database folds its documents: ä→ae, ö→oe, ü→ue, ß→ss, accents
 * dropped, lower case, split on anything that is not a letter or digit.
 */
export function foldTerms(q: string | undefined): string[] {
  if (!q) return [];
  const folded = q
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return [...new Set(folded.split(/[^a-z0-9]+/).filter(Boolean))].slice(0, 8);
}
