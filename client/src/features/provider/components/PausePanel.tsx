import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PAUSE_REASONS, type PauseBody } from '../../../../../shared/schemas/availability';
import type { Unit } from '../../../../../shared/schemas/places';
import { Form, SelectField, TextField } from '../../../components/form';
import type { ApiError } from '../../../lib/api';
import { providerApi } from '../api';
import { formatDate, todayIso } from '../../../lib/format';

interface Props {
  unit: Unit;
  busy: boolean;
  run: (action: () => Promise<Unit>, message: (x: Unit) => string) => Promise<void>;
}

const inDays = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Aufnahmestopp (pause with reason and last day, prefilled: one tap to set) and the admittable figure. */
export function PausePanel({ unit: u, busy, run }: Props) {
  const { t, i18n } = useTranslation();
  const [pause, setPause] = useState<PauseBody>({ reason: 'staff-shortage', until: inDays(7) });
  const [admittable, setAdmittable] = useState(u.admittablePlaces === null ? '' : String(u.admittablePlaces));
  const error: ApiError | null = null;

  function submitPause(e: FormEvent) {
    e.preventDefault();
    void run(() => providerApi.pause(u.id, pause), (x) => t('provider.pause.pausedStatus', { name: x.name, date: formatDate(pause.until, i18n.language) }));
  }
  function submitAdmittable(e: FormEvent) {
    e.preventDefault();
    const value = admittable.trim() === '' ? null : Number(admittable);
    void run(() => providerApi.admittable(u.id, value), (x) => (value === null ? t('provider.pause.admittableCleared', { name: x.name }) : t('provider.pause.admittableStatus', { name: x.name, count: value })));
  }

  if (u.pause) {
    return (
      <div className="pause-banner" role="note">
        <p>
          <strong>{t('provider.pause.active', { date: formatDate(u.pause.until, i18n.language) })}</strong> {t(`provider.pause.reason.${u.pause.reason}`)}
          {u.pause.note ? ` – ${u.pause.note}` : ''}
        </p>
        <button type="button" disabled={busy} onClick={() => void run(() => providerApi.resume(u.id), (x) => t('provider.pause.resumedStatus', { name: x.name }))}>
          {t('provider.pause.end', { name: u.name })}
        </button>
      </div>
    );
  }
  return (
    <>
      {u.admittablePlaces !== null && <p className="admittable-now">{t('provider.pause.admittableNow', { count: u.admittablePlaces, free: u.freePlaces ?? 0 })}</p>}
      <details className="planned-add">
        <summary>{t('provider.pause.admittableOpen')}</summary>
        <Form onSubmit={submitAdmittable} error={error}>
          <TextField id={`adm-${u.id}`} name="admittablePlaces" type="number" label={t('provider.pause.admittableLabel')} hint={t('provider.pause.admittableHint')} value={admittable} onChange={setAdmittable} />
          <button type="submit" disabled={busy}>
            {t('provider.pause.admittableSave')}
          </button>
        </Form>
      </details>
      <details className="planned-add">
        <summary>{t('provider.pause.open')}</summary>
        <Form onSubmit={submitPause} error={error}>
          <SelectField id={`pause-${u.id}-reason`} name="reason" label={t('provider.pause.reasonLabel')} value={pause.reason} onChange={(v) => setPause({ ...pause, reason: v as PauseBody['reason'] })}>
            {PAUSE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`provider.pause.reason.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextField id={`pause-${u.id}-until`} name="until" type="date" label={t('provider.pause.untilLabel')} value={pause.until} onChange={(v) => setPause({ ...pause, until: v })} required />
          <button type="submit" disabled={busy || !pause.until || pause.until < todayIso()}>
            {t('provider.pause.set', { name: u.name })}
          </button>
        </Form>
      </details>
    </>
  );
}
