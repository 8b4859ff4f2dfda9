import { useTranslation } from 'react-i18next';
import type { CsvRowError } from '../../../../../shared/schemas/availability';

/** Column 1 → A, 27 → AA: as the spreadsheet names it. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** Every error of an uploaded file, in German: which row and column (letter and heading), and what is wrong. */
export function CsvErrors({ errors }: { errors: CsvRowError[] }) {
  const { t } = useTranslation();
  const heading = (c: string) => t(`provider.csv.col.${c}`, { defaultValue: c });
  const column = (e: CsvRowError) =>
    e.column === '*' ? t('provider.csv.wholeRow') : e.columnIndex ? `${columnLetter(e.columnIndex)} (${heading(e.column)})` : heading(e.column);
  return (
    <section aria-labelledby="csv-errors">
      <h2 id="csv-errors">{t('provider.csv.errors')}</h2>
      {/* focusable so the table can be scrolled sideways by keyboard on a phone */}
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="csv-errors">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('provider.csv.line')}</th>
              <th scope="col">{t('provider.csv.column')}</th>
              <th scope="col">{t('provider.csv.message')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <td>{e.line}</td>
                <td>{column(e)}</td>
                <td>{t(`provider.csv.issue.${e.code}`, { ...e.params, defaultValue: e.message })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
