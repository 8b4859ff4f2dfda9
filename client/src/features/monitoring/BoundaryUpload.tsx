import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundaryUploadResult, DistrictBoundaries } from '../../../../shared/schemas/district-boundaries';
import { TextField } from '../../components/form';
import { ApiError } from '../../lib/api';
import { useAction } from '../../lib/use-api';
import { deleteBoundaries, uploadBoundaries } from './district-boundaries-api';

/** Which check of the upload failed, as a sentence key (the server names the field). */
function problemKey(e: ApiError): string {
  if (e.code === 'PAYLOAD_TOO_LARGE') return 'tooLarge';
  if (e.code === 'INVALID_JSON') return 'notJson';
  const issue = e.issues[0];
  if (!issue) return 'failed';
  const p = issue.path;
  if (p === 'body.type' || p === 'body.features' || p === 'body') return 'notCollection';
  if (/\.geometry(\.type)?$/.test(p)) return 'geometry';
  if (p.includes('.coordinates')) return issue.code === 'too_big' || issue.code === 'too_small' ? 'coordinates' : 'ring';
  if (issue.code === 'unknown_code') return 'unknownDistrict';
  if (issue.code === 'invalid_format') return 'keyFormat';
  if (p.includes('.properties')) return 'noKey';
  return 'failed';
}

/** Platform admin: upload of district boundaries (GeoJSON), or back to circles. */
export function BoundaryUpload({ boundaries, onChange }: { boundaries: DistrictBoundaries; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const { busy, error, setError, run } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [keyProperty, setKeyProperty] = useState('');
  const [done, setDone] = useState<{ result?: BoundaryUploadResult; removed?: boolean } | null>(null);

  async function upload() {
    if (!file) return;
    setDone(null);
    // the server refuses it as well; this spares sending megabytes for nothing
    if (file.size > boundaries.maxMegabytes * 1024 * 1024) return setError(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'too large'));
    const result = await run(() => uploadBoundaries(file, keyProperty.trim()));
    if (result) {
      setDone({ result });
      onChange();
    }
  }
  async function remove() {
    setDone(null);
    if ((await run(() => deleteBoundaries().then(() => true))) === true) {
      setDone({ removed: true });
      onChange();
    }
  }
  const issue = error?.issues[0];
  const feature = issue?.path.match(/^body\.features\.(\d+)/)?.[1];
  return (
    <details className="boundary-upload">
      <summary>{t('districtBoundaries.manage')}</summary>
      <p>{t('districtBoundaries.intro', { mb: boundaries.maxMegabytes })}</p>
      <p>
        {boundaries.features.length > 0
          ? t('districtBoundaries.current', { count: boundaries.features.length, date: new Date(boundaries.uploadedAt!).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }) })
          : t('districtBoundaries.none')}
      </p>
      <TextField id="boundary-file" label={t('districtBoundaries.file')} type="file" accept=".geojson,.json,application/geo+json,application/json" onInput={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      <TextField id="boundary-key" label={t('districtBoundaries.keyProperty')} hint={t('districtBoundaries.keyHint')} value={keyProperty} onChange={setKeyProperty} />
      <div className="form-actions">
        <button type="button" className="primary" aria-disabled={busy || undefined} disabled={!file} onClick={() => void upload()}>
          {t('districtBoundaries.upload')}
        </button>
        {boundaries.features.length > 0 && (
          <button type="button" aria-disabled={busy || undefined} onClick={() => void remove()}>
            {t('districtBoundaries.remove')}
          </button>
        )}
      </div>
      <p role="status" className="status">
        {busy ? t('districtBoundaries.busy') : done?.result ? t('districtBoundaries.uploaded', { ...done.result, count: done.result.districts }) : done?.removed ? t('districtBoundaries.removed') : ''}
      </p>
      {error && (
        <div role="alert" className="error">
          <p>
            {feature !== undefined && `${t('districtBoundaries.feature', { n: Number(feature) + 1 })} `}
            {t(`districtBoundaries.problem.${problemKey(error)}`, { mb: boundaries.maxMegabytes, value: issue?.params?.value ?? '' })}
          </p>
          {issue && (
            <p>
              {t('districtBoundaries.where')} <code>{issue.path.replace(/^body\.?/, '') || '–'}</code>
            </p>
          )}
        </div>
      )}
    </details>
  );
}
