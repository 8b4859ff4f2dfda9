/**
 * Classes of a choropleth: up to five equal steps of a round size (1, 2 or 5 × 10^k) from 0 to the
 * largest value, coloured with a ColorBrewer sequential scheme that stays readable with red-green
 * colour blindness (Brewer & Harrower, colorbrewer2.org: "colorblind safe").
 */
export const SCHEMES = {
  /** YlGnBu, 5 classes: available places. */
  available: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  /** YlOrRd, 5 classes: searches that found nothing. */
  unmet: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
} as const;
export const NO_DATA = '#d9d9d9';

export interface ChoroplethClass {
  from: number;
  to: number;
  colour: string;
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

/** The classes for values up to `max` (at least one class, 0 to 1). */
export function classesFor(max: number, scheme: readonly string[]): ChoroplethClass[] {
  const step = Math.max(1, niceStep(Math.max(1, max) / scheme.length));
  const n = Math.max(1, Math.min(scheme.length, Math.ceil(Math.max(1, max) / step)));
  return Array.from({ length: n }, (_, i) => ({ from: i === 0 ? 0 : i * step + 1, to: (i + 1) * step, colour: scheme[i] }));
}

/** The class a value falls in (a suppressed "< 5" counts as 4: it is at most that). */
export function classOf(value: number, classes: ChoroplethClass[]): ChoroplethClass {
  return classes.find((c) => value <= c.to) ?? classes[classes.length - 1];
}
