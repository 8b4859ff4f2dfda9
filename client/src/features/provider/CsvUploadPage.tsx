import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvResult } from '../../../../shared/schemas/availability';
import type { Unit } from '../../../../shared/schemas/places';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextAreaField, TextField } from '../../components/form';
import { useAction } from '../../lib/use-api';
import { providerApi, useUnits } from './api';
import { formatDate } from './components/format';
import './provider.css';

function template(units: Unit[]): string {
  const rows = units
    .filter((u) => u.capacityTotal !== null)
    .map((u) => [u.id, u.externalRef ?? '', u.freePlaces ?? 0, '', ''].join(';'));
  return ['unit_id;external_ref;free_places;planned_from;planned_places', ...rows].join('\n') + '\n';
}

/** CSV upload: a preview (dry run) listing every row and every error; applying takes all rows or none. */
export default function CsvUploadPage() {
  const { t, i18n } = useTranslation();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<CsvResult | null>(null);
  const units = useUnits().data ?? [];
  const [status, setStatus] = useState('');
  const { busy, error, run } = useAction();

  async function readFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setResult(null);
  }

  async function send(dryRun: boolean) {
    const r = await run(() => providerApi.csv(csv, dryRun));
    if (!r) return;
    setResult(r);
    setStatus(r.applied ? t('provider.csv.applied', { count: r.rows.length }) : r.valid ? t('provider.csv.valid', { count: r.rows.length }) : t('provider.csv.invalid', { count: r.errors.length }));
  }

  function download() {
    const url = URL.createObjectURL(new Blob([template(units)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'freie-plaetze.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <div className="provider">
      <h1>{t('provider.csv.title')}</h1>
      <p>{t('provider.csv.intro')}</p>
      <p>
        <button type="button" onClick={download} disabled={units.length === 0}>
          {t('provider.csv.template')}
        </button>
      </p>
      <TextField id="csv-file" label={t('provider.csv.file')} type="file" accept=".csv,text/csv,text/plain" onInput={(e) => void readFile(e.currentTarget)} />
      <TextAreaField rows={4} id="csv-text" label={t('provider.csv.text')} value={csv} onChange={(v) => { setCsv(v); setResult(null); }} error={error?.fieldMessage('body.csv') ?? error?.fieldMessage('body')} />
      <div className="form-actions">
        <button type="button" disabled={busy || !csv.trim()} onClick={() => void send(true)}>
          {t('provider.csv.preview')}
        </button>
        <button type="button" className="primary" disabled={busy || !result?.valid || result.applied} onClick={() => void send(false)}>
          {t('provider.csv.apply')}
        </button>
      </div>
      <p role="status" className="status">
        {status}
      </p>
      <ErrorAlert error={error} fieldsInline />
      {result && result.errors.length > 0 && (
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
                {result.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.line}</td>
                    <td>
                      <code>{e.column}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
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
