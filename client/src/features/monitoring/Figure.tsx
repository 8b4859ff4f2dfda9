import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPRESSED } from '../../../../shared/schemas/monitoring';
import { TableWrap } from '../../components/TableWrap';
import { Chart, type Draw } from './Chart';
import { CHART_ROWS, drawBars, type ChartRow, type ChartValue } from './charts';
import { downloadCsv } from './csv';

export type Value = number | string | null;
// Okabe-Ito: distinguishable with the common colour-vision deficiencies, dark enough on white.
export const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

const chartValue = (v: Value): ChartValue => (typeof v === 'number' || v === SUPPRESSED ? v : null);
const size = (v: ChartValue) => (typeof v === 'number' ? v : v === SUPPRESSED ? 4 : -1);

/** The rows a bar chart draws: all of them, or the largest `CHART_ROWS` (in the table's order). */
function chartRows(rows: Value[][], measure: number, labelOf: (r: Value[]) => string, marker?: number): { rows: ChartRow[]; cut: boolean } {
  const all = rows.map((r, i) => ({ i, label: labelOf(r), value: chartValue(r[measure]), marker: marker === undefined || typeof r[marker] !== 'number' ? null : (r[marker] as number) }));
  if (all.length <= CHART_ROWS) return { rows: all, cut: false };
  const top = [...all].sort((a, b) => size(b.value) - size(a.value)).slice(0, CHART_ROWS);
  return { rows: top.sort((a, b) => a.i - b.i), cut: true };
}

/**
 * One figure: a sentence that says what it shows, a chart (Observable Plot, loaded with the first
 * chart), the table of its figures as the chart's text alternative, and a CSV download. `chart`:
 * bars of the column `measure` (default: the first value column) named by `labelOf` (default: the
 * row's first cell), a drawing of its own, or none (a table of shares).
 */
export function Figure(p: {
  id: string;
  title: string;
  summary: string;
  columns: string[];
  rows: Value[][];
  chart?: 'bars' | Draw | false;
  colour?: number;
  measure?: number;
  labelOf?: (row: Value[]) => string;
  /** A column drawn as a stroke across each bar. */
  marker?: number;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const summaryId = useId();
  const show = (v: Value) => (v === null ? '–' : typeof v === 'number' ? v.toLocaleString('de-DE') : v);
  const colour = COLOURS[p.colour ?? 0];
  const measure = p.measure ?? 1;
  const bars = p.chart === undefined || p.chart === 'bars' ? chartRows(p.rows, measure, p.labelOf ?? ((r) => String(r[0] ?? '–')), p.marker) : null;
  const draw: Draw | null = typeof p.chart === 'function' ? p.chart : bars && bars.rows.length > 0 ? (P, width) => drawBars(P, width, bars.rows, { colour, axisLabel: p.columns[measure], markerLabel: p.marker === undefined ? undefined : p.columns[p.marker] }) : null;
  const dashed = bars?.rows.some((r) => r.value === SUPPRESSED) || (typeof p.chart === 'function' && p.rows.some((r) => r[1] === SUPPRESSED));
  return (
    <section className="figure" aria-labelledby={captionId}>
      <h3 id={captionId}>{p.title}</h3>
      <p className="figure-summary" id={summaryId}>
        {p.summary}
      </p>
      {p.rows.length === 0 ? (
        <p>{t('monitoring.noData')}</p>
      ) : (
        <>
          {draw && <Chart draw={draw} label={t('monitoring.chartOf', { title: p.title })} describedBy={summaryId} />}
          {draw && (dashed || bars?.cut || p.marker !== undefined) && (
            <p className="chart-note">
              {[
                bars?.cut && t('monitoring.chartTop', { n: CHART_ROWS }),
                p.marker !== undefined && t('monitoring.markerNote', { name: p.columns[p.marker] }),
                dashed && t('monitoring.dashedNote'),
              ]
                .filter(Boolean)
                .join(' ')}
            </p>
          )}
          <TableWrap label={p.title}>
            <table>
              <thead>
                <tr>
                  {p.columns.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) => (j === 0 ? <th scope="row" key={j}>{show(v)}</th> : <td key={j}>{show(v)}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <button type="button" className="secondary no-print" onClick={() => downloadCsv(p.id, p.columns, p.rows)}>
        {t('monitoring.csv', { title: p.title })}
      </button>
    </section>
  );
}
