import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvResult } from '../../../../shared/schemas/availability';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextAreaField, TextField } from '../../components/form';
import { useAction } from '../../lib/use-api';
import { CSV_DOWNLOAD_URL, providerApi, useUnits } from './api';
import { CsvErrors } from './components/CsvErrors';
import { formatDate } from '../../lib/format';
import './provider.css';

const ENCODINGS: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (BOM)', 'windows-1252': 'Windows-1252', 'utf-16le': 'UTF-16' };

/**
 * The spreadsheet round trip: download the own units (names, current figures) for Excel, upload the
 * edited file; a preview (dry run) lists every row and every error, applying takes all rows or none.
 */
export default function CsvUploadPage() {
  const { t, i18n } = useTranslation();
  const [csv, setCsv] = useState('');
  // a chosen file goes to the server as its bytes: Excel in Germany writes Windows-1252 or UTF-8
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CsvResult | null>(null);
  const units = useUnits().data ?? [];
  const [status, setStatus] = useState('');
  const { busy, error, run } = useAction();

  async function readFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setFile(file);
    setCsv('');
    setResult(null);
  }

  async function send(dryRun: boolean) {
    const r = await run(() => (file ? providerApi.csvFile(file, dryRun) : providerApi.csv(csv, dryRun)));
    if (!r) return;
    setResult(r);
    const outcome = r.applied ? t('provider.csv.applied', { count: r.rows.length }) : r.valid ? t('provider.csv.valid', { count: r.rows.length }) : t('provider.csv.invalid', { count: r.errors.length });
    setStatus(r.encoding ? `${outcome} ${t('provider.csv.encoding', { encoding: ENCODINGS[r.encoding] ?? r.encoding })}` : outcome);
  }

  return (
    <div className="provider">
      <h1>{t('provider.csv.title')}</h1>
      <p>{t('provider.csv.intro')}</p>
      {units.some((u) => u.capacityTotal !== null) && (
        <p>
          <a className="button-link" href={CSV_DOWNLOAD_URL} download>
            {t('provider.csv.template')}
          </a>
        </p>
      )}
      <TextField id="csv-file" label={t('provider.csv.file')} type="file" accept=".csv,text/csv,text/plain" onInput={(e) => void readFile(e.currentTarget)} />
      <TextAreaField rows={4} id="csv-text" label={t('provider.csv.text')} value={csv} onChange={(v) => { setCsv(v); setFile(null); setResult(null); }} error={error?.fieldMessage('body.csv') ?? error?.fieldMessage('body')} />
      <div className="form-actions">
        <button type="button" aria-disabled={busy || undefined} disabled={!file && !csv.trim()} onClick={() => void send(true)}>
          {t('provider.csv.preview')}
        </button>
        <button type="button" className="primary" aria-disabled={busy || undefined} disabled={!result?.valid || result.applied} onClick={() => void send(false)}>
          {t('provider.csv.apply')}
        </button>
      </div>
      <p role="status" className="status">
        {status}
      </p>
      <ErrorAlert error={error} fieldsInline />
      {result && result.errors.length > 0 && <CsvErrors errors={result.errors} />}
      {result && result.rows.length > 0 && (
        <section aria-labelledby="csv-rows">
          <h2 id="csv-rows">{t('provider.csv.rows')}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="csv-rows">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('provider.csv.line')}</th>
                  <th scope="col">{t('provider.csv.unit')}</th>
                  <th scope="col">{t('provider.csv.before')}</th>
                  <th scope="col">{t('provider.csv.after')}</th>
                  <th scope="col">{t('provider.csv.plannedFrom')}</th>
                  <th scope="col">{t('provider.csv.change')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    <td>{r.unitName}</td>
                    <td>{r.freePlacesBefore ?? '–'}</td>
                    <td>{r.freePlaces}</td>
                    <td>{r.plannedFrom ? `${formatDate(r.plannedFrom, i18n.language)} (${r.plannedPlaces})` : '–'}</td>
                    <td>{r.changed ? t('provider.csv.changed') : t('provider.csv.unchanged')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
