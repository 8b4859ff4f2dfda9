import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableWrap } from '../../components/TableWrap';
import { downloadCsv } from './csv';

export type Value = number | string | null;
// Okabe-Ito: distinguishable with the common colour-vision deficiencies, dark enough on white.
export const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

/**
 * One figure: a table whose rows carry a bar (plain SVG, hidden from screen readers, scaled to the
 * first value column), a sentence that says what it shows, and a CSV download. A figure with its
 * own chart (`visual`, hidden from screen readers) keeps the table as its text alternative.
 */
export function Figure(p: { id: string; title: string; summary: string; columns: string[]; rows: Value[][]; chart?: boolean; colour?: number; visual?: ReactNode }) {
  const { t } = useTranslation();
  const captionId = useId();
  const values = p.rows.map((r) => (typeof r[1] === 'number' ? r[1] : 0));
  const max = Math.max(1, ...values);
  const show = (v: Value) => (v === null ? '–' : typeof v === 'number' ? v.toLocaleString('de-DE') : v);
  return (
    <section className="figure" aria-labelledby={captionId}>
      <h3 id={captionId}>{p.title}</h3>
      <p className="figure-summary">{p.summary}</p>
      {p.visual}
      {p.rows.length === 0 ? (
        <p>{t('monitoring.noData')}</p>
      ) : (
        <TableWrap label={p.title}>
          <table>
            <thead>
              <tr>
                {p.columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
                {p.chart !== false && <td aria-hidden="true" />}
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (j === 0 ? <th scope="row" key={j}>{show(v)}</th> : <td key={j}>{show(v)}</td>))}
                  {p.chart !== false && (
                    <td className="bar-cell" aria-hidden="true">
                      <svg width="80" height="14" focusable="false">
                        <rect x="0" y="1" height="12" width={Math.max(values[i] > 0 ? 2 : 0, (values[i] / max) * 80)} fill={COLOURS[p.colour ?? 0]} />
                      </svg>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <button type="button" className="secondary no-print" onClick={() => downloadCsv(p.id, p.columns, p.rows)}>
        {t('monitoring.csv', { title: p.title })}
      </button>
    </section>
  );
}
