import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Unit } from '../../../../../shared/schemas/places';
import { Form, TextField } from '../../../components/form';
import { ApiError } from '../../../lib/api';
import { afterRender, focusElement } from '../../../lib/focus';
import { providerApi } from '../api';
import { FreshnessBadge } from './FreshnessBadge';
import { FreshnessHistory } from './FreshnessHistory';
import { PausePanel } from './PausePanel';
import { formatDate, todayIso } from '../../../lib/format';

interface Props {
  unit: Unit;
  onChanged: (u: Unit, message: string) => void;
  onError: (e: ApiError) => void;
}

/** One unit on the capacity board: free count with − / +, one-tap confirm, planned vacancies. */
export function UnitCard({ unit: u, onChanged, onError }: Props) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  // buttons stay focusable while busy (aria-disabled), so a second press must be ignored here
  const running = useRef(false);
  const [planned, setPlanned] = useState({ availableFrom: '', places: '1', note: '' });
  const [plannedError, setPlannedError] = useState<ApiError | null>(null);
  const headingId = `unit-${u.id}-name`;

  async function run(action: () => Promise<Unit>, message: (x: Unit) => string, allowed = true) {
    if (running.current || !allowed) return;
    running.current = true;
    setBusy(true);
    try {
      const next = await action();
      onChanged(next, message(next));
    } catch (e) {
      onError(e as ApiError);
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  async function addPlanned(e: FormEvent) {
    e.preventDefault();
    if (running.current) return;
    running.current = true;
    setPlannedError(null);
    setBusy(true);
    try {
      const next = await providerApi.addPlanned(u.id, { availableFrom: planned.availableFrom, places: Number(planned.places), ...(planned.note ? { note: planned.note } : {}) });
      setPlanned({ availableFrom: '', places: '1', note: '' });
      onChanged(next, t('provider.board.plannedSaved', { name: u.name }));
      // the save button is disabled again with the emptied date: the focus goes to the new entry's list
      afterRender(() => focusElement(document.getElementById(`unit-${u.id}-planned`)));
    } catch (err) {
      const ae = err as ApiError;
      if (ae.issues?.length) setPlannedError(ae);
      else onError(ae);
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  const free = u.freePlaces ?? 0;
  const capacity = u.capacityTotal ?? 0;
  // at the limit the button stays focusable (the focus must not fall to the page) but does nothing
  const canLower = free > (u.heldPlaces ?? 0);
  const canRaise = free < capacity;
  return (
    <article className={`unit-card unit-${u.freshness}`} aria-labelledby={headingId}>
      <header className="unit-head">
        <h2 id={headingId}>{u.name}</h2>
        <p className="unit-where">
          {u.facility?.name ?? t('provider.board.foster')}
          {u.emergencyIntake && <span className="tag"> · {t('provider.board.emergency')}</span>}
        </p>
      </header>
      <FreshnessBadge freshness={u.freshness} lastConfirmedAt={u.lastConfirmedAt} />
      <div className="count-row">
        <button
          type="button"
          className="step"
          aria-disabled={busy || !canLower || undefined}
          aria-label={t('provider.board.minusLabel', { name: u.name })}
          title={t('provider.board.minus')}
          onClick={() => void run(() => providerApi.move(u.id, -1), (x) => t('provider.board.changedStatus', { name: x.name, count: x.freePlaces ?? 0 }), canLower)}
        >
          −
        </button>
        <p className="free" aria-live="off">
          <span className="free-count">{free}</span>
          <span className="free-of">{t('provider.board.freeOf', { free, capacity })}</span>
          {u.heldPlaces > 0 && <span className="held">{t('provider.board.held', { count: u.heldPlaces })}</span>}
        </p>
        <button
          type="button"
          className="step"
          aria-disabled={busy || !canRaise || undefined}
          aria-label={t('provider.board.plusLabel', { name: u.name })}
          title={t('provider.board.plus')}
          onClick={() => void run(() => providerApi.move(u.id, 1), (x) => t('provider.board.changedStatus', { name: x.name, count: x.freePlaces ?? 0 }), canRaise)}
        >
          +
        </button>
      </div>
      <button
        type="button"
        className="primary confirm"
        aria-disabled={busy || undefined}
        aria-label={t('provider.board.confirmLabel', { name: u.name })}
        onClick={() => void run(() => providerApi.confirm(u.id), (x) => t('provider.board.confirmedStatus', { name: x.name, count: x.freePlaces ?? 0 }))}
      >
        {t('provider.board.confirm')}
      </button>
      <PausePanel unit={u} busy={busy} run={run} />
      {u.plannedVacancies.length > 0 && (
        <div className="planned">
          <h3 id={`unit-${u.id}-planned`}>{t('provider.board.planned')}</h3>
          <ul>
            {u.plannedVacancies.map((p) => (
              <li key={p.id}>
                <span>
                  {t('provider.board.plannedItem', { date: formatDate(p.availableFrom, i18n.language), count: p.places })}
                  {p.note ? ` (${p.note})` : ''}
                </span>
                <button
                  type="button"
                  aria-disabled={busy || undefined}
                  aria-label={t('provider.board.plannedRemoveLabel', { date: formatDate(p.availableFrom, i18n.language) })}
                  onClick={() =>
                    void run(
                      () => providerApi.removePlanned(u.id, p.id),
                      (x) => {
                        // the entry and its button are gone: back to the unit's heading
                        afterRender(() => focusElement(document.getElementById(x.plannedVacancies.length ? `unit-${u.id}-planned` : headingId)));
                        return t('provider.board.plannedRemoved', { name: u.name });
                      },
                    )
                  }
                >
                  {t('provider.board.plannedRemove')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <details className="planned-add">
        <summary>{t('provider.board.plannedAdd')}</summary>
        <Form onSubmit={addPlanned} error={plannedError}>
          <TextField id={`pv-${u.id}-from`} name="availableFrom" type="date" label={t('provider.board.plannedFrom')} value={planned.availableFrom} onChange={(v) => setPlanned({ ...planned, availableFrom: v })} required />
          <TextField id={`pv-${u.id}-places`} name="places" type="number" label={t('provider.board.plannedPlaces')} value={planned.places} onChange={(v) => setPlanned({ ...planned, places: v })} required />
          <TextField id={`pv-${u.id}-note`} name="note" label={t('provider.board.plannedNote')} value={planned.note} onChange={(v) => setPlanned({ ...planned, note: v })} />
          <button type="submit" aria-disabled={busy || undefined} disabled={!planned.availableFrom || planned.availableFrom < todayIso()}>
            {t('provider.board.plannedSave')}
          </button>
        </Form>
      </details>
      <FreshnessHistory unit={u} />
      <p className="unit-links">
        <Link to={`/belegung/angebote/${u.id}`} aria-label={t('provider.board.editLabel', { name: u.name })}>
          {t('provider.common.edit')}
        </Link>
      </p>
    </article>
  );
}
