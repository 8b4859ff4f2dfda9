import { SUPPRESSED } from '../../../../shared/schemas/monitoring';
import type { Plot } from './Chart';

/** A charted figure: a count, "< 5" (suppressed: drawn as a dashed outline up to 5, never as 0), or none. */
export type ChartValue = number | typeof SUPPRESSED | null;
export interface ChartRow {
  label: string;
  value: ChartValue;
  /** A second figure of the row drawn as a stroke across its bar (the 90th percentile beside the median). */
  marker?: number | null;
}

const de = (n: number) => n.toLocaleString('de-DE');
const shown = (v: ChartValue) => (v === null ? '–' : typeof v === 'number' ? de(v) : v);
// text in the charts as large as the page's small print, in the page's colour (contrast as the tables)
const STYLE = { fontSize: '14px', fontFamily: 'inherit', color: 'inherit', background: 'transparent', overflow: 'visible' };
const ROW = 46;
// Plot measures text in ems: a label may run the chart's width at the 14 px of STYLE
/** How many rows a chart draws at most; the table below lists them all. */
export const CHART_ROWS = 12;

interface Bar {
  i: number;
  label: string;
  value: number;
  text: string;
  kind: 'value' | 'suppressed' | 'none';
  marker: number | null;
}
const bars = (rows: ChartRow[]): Bar[] =>
  rows.map((r, i) => ({
    i,
    label: r.label,
    value: typeof r.value === 'number' ? r.value : r.value === SUPPRESSED ? 5 : 0,
    text: shown(r.value),
    kind: typeof r.value === 'number' ? 'value' : r.value === SUPPRESSED ? 'suppressed' : 'none',
    marker: r.marker ?? null,
  }));

/**
 * Horizontal bars, one row each: its name above the bar (wide enough for long German names on a
 * phone), its value after the bar, German numbers on the axis and in each bar's title.
 */
export function drawBars(P: Plot, width: number, rows: ChartRow[], o: { colour: string; axisLabel: string; markerLabel?: string }) {
  const data = bars(rows.slice(0, CHART_ROWS));
  const max = Math.max(5, ...data.map((d) => Math.max(d.value, d.marker ?? 0)));
  const title = (d: Bar) => `${d.label}: ${d.text}${d.marker === null ? '' : `; ${o.markerLabel}: ${de(d.marker)}`}`;
  return P.plot({
    width,
    height: 40 + data.length * ROW,
    marginLeft: 4,
    marginRight: 52,
    marginTop: 36,
    marginBottom: 4,
    style: STYLE,
    x: { domain: [0, max], nice: true, axis: 'top', grid: true, label: o.axisLabel, labelAnchor: 'left', labelArrow: 'none', tickFormat: de, ticks: Math.max(2, Math.floor(width / 110)) },
    y: { domain: data.map((d) => d.i), axis: null, paddingInner: 0, paddingOuter: 0 },
    marks: [
      P.barX(
        data.filter((d) => d.kind === 'value'),
        { x: 'value', y: 'i', fill: o.colour, insetTop: 22, insetBottom: 4, title },
      ),
      P.barX(
        data.filter((d) => d.kind === 'suppressed'),
        { x1: 0, x2: 'value', y: 'i', fill: 'white', stroke: o.colour, strokeDasharray: '4,3', insetTop: 22, insetBottom: 4, title },
      ),
      P.tickX(
        data.filter((d) => d.marker !== null),
        { x: 'marker', y: 'i', stroke: 'currentColor', strokeWidth: 3, insetTop: 19, insetBottom: 1, title },
      ),
      P.ruleX([0]),
      P.text(data, { y: 'i', text: 'label', frameAnchor: 'left', textAnchor: 'start', dy: -10, lineWidth: (width - 12) / 14, textOverflow: 'ellipsis-end', title }),
      P.text(data, { x: 'value', y: 'i', text: 'text', textAnchor: 'start', dx: 4, dy: 9, fontWeight: 'bold', className: 'values' }),
    ],
  });
}

/** Counts by hour of day (0–23), one column each; an hour not returned counted fewer than 5. */
export function drawHours(P: Plot, width: number, counts: Map<number, ChartValue>, o: { colour: string; axisLabel: string; hourAxis: string; hourLabel: (h: number) => string }) {
  const data = Array.from({ length: 24 }, (_, h) => {
    const v = counts.get(h) ?? SUPPRESSED;
    return { h, value: typeof v === 'number' ? v : v === SUPPRESSED ? 5 : 0, kind: typeof v === 'number' ? 'value' : 'suppressed', title: `${o.hourLabel(h)}: ${shown(v)}` };
  });
  const max = Math.max(5, ...data.map((d) => d.value));
  return P.plot({
    width,
    height: 220,
    marginLeft: 44,
    marginRight: 8,
    marginTop: 28,
    style: STYLE,
    x: { domain: data.map((d) => d.h), label: o.hourAxis, labelAnchor: 'right', labelArrow: 'none', ticks: width < 480 ? [0, 6, 12, 18] : [0, 3, 6, 9, 12, 15, 18, 21], tickFormat: (h: number) => String(h), padding: 0.15 },
    y: { domain: [0, max], nice: true, grid: true, label: o.axisLabel, labelArrow: 'none', tickFormat: de, ticks: 4 },
    marks: [
      P.barY(data.filter((d) => d.kind === 'value'), { x: 'h', y: 'value', fill: o.colour, title: 'title' }),
      P.barY(data.filter((d) => d.kind === 'suppressed'), { x: 'h', y1: 0, y2: 'value', fill: 'white', stroke: o.colour, strokeDasharray: '3,2', title: 'title' }),
      P.ruleY([0]),
    ],
  });
}

/** A line over time with a dot per point; ticks and titles in German dates. */
export function drawLine(P: Plot, width: number, points: { at: Date; value: number; when: string }[], o: { colour: string; axisLabel: string; hourly: boolean }) {
  const tick = (d: Date) => (o.hourly ? d.toLocaleString('de-DE', { day: 'numeric', month: 'numeric', hour: '2-digit' }) : d.toLocaleDateString('de-DE', { day: 'numeric', month: 'short' }));
  return P.plot({
    width,
    height: 220,
    marginLeft: 48,
    marginRight: 16,
    marginTop: 28,
    style: STYLE,
    x: { type: 'time', ticks: Math.max(2, Math.floor(width / 120)), tickFormat: tick, label: null },
    y: { domain: [0, Math.max(1, ...points.map((p) => p.value))], nice: true, grid: true, label: o.axisLabel, labelArrow: 'none', tickFormat: de, ticks: 4 },
    marks: [
      P.ruleY([0]),
      P.lineY(points, { x: 'at', y: 'value', stroke: o.colour, strokeWidth: 2 }),
      P.dot(points, { x: 'at', y: 'value', fill: o.colour, r: points.length > 60 ? 1.5 : 3, title: (p: { when: string; value: number }) => `${p.when}: ${de(p.value)}` }),
    ],
  });
}
