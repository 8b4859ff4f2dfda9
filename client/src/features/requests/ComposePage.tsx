import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field } from '../../components/Field';
import { IdentityWarning } from './IdentityWarning';
import { api, ApiError } from '../../lib/api';
import { newIdempotencyKey } from './api';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Term {
  code: string;
  nameDe: string;
  nameEn: string;
}

/** The request composer for one or several units: `/anfragen/neu?units=<id>,<id>&names=<json>`. */
export default function ComposePage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const unitIds = useMemo(() => (params.get('units') ?? '').split(',').filter(Boolean), [params]);
  const names = useMemo<Record<string, string>>(() => {
    try {
      return JSON.parse(params.get('names') ?? '{}');
    } catch {
      return {};
    }
  }, [params]);
  const [terms, setTerms] = useState<{ specialisations: Term[]; exclusions: Term[] }>({ specialisations: [], exclusions: [] });
  const [running, setRunning] = useState<string[]>([]);
  const [form, setForm] = useState({
    caseRef: '',
    childAge: '',
    childGender: 'female',
    needs: [] as string[],
    conditions: [] as string[],
    siblings: '0',
    desiredStart: new Date().toISOString().slice(0, 10),
    urgency: 'regular',
    note: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    api<{ specialisations: Term[]; exclusions: Term[] }>('GET', '/api/v1/taxonomies').then(
      (r) => setTerms({ specialisations: r.specialisations ?? [], exclusions: r.exclusions ?? [] }),
      () => {},
    );
    if (unitIds.length) {
      api<{ items: { unitId: string }[] }>('GET', `/api/v1/requests/running?unitIds=${unitIds.join(',')}`).then((r) => setRunning(r.items.map((i) => i.unitId)), () => {});
    }
  }, [unitIds]);

  const label = (term: Term) => (i18n.language === 'en' ? term.nameEn : term.nameDe);
  const toggle = (list: 'needs' | 'conditions', code: string) =>
    setForm((f) => ({ ...f, [list]: f[list].includes(code) ? f[list].filter((c) => c !== code) : [...f[list], code] }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ items: { id: string }[] }>(
        'POST',
        '/api/v1/requests',
        {
          unitIds,
          caseRef: form.caseRef,
          childAge: form.childAge === '' ? undefined : Number(form.childAge),
          childGender: form.childGender,
          needs: form.needs,
          conditions: form.conditions,
          siblings: Number(form.siblings),
          desiredStart: form.desiredStart,
          urgency: form.urgency,
          note: form.note || undefined,
        },
        { 'Idempotency-Key': key.current },
      );
      navigate(res.items.length === 1 ? `/anfragen/${res.items[0].id}` : '/anfragen', { state: { notice: t('requests.compose.sent') } });
    } catch (err) {
      setError(err as ApiError);
      key.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  const fe = (f: string) => error?.fieldMessage(`body.${f}`);
  return (
    <>
      <h1>{t('requests.compose.title')}</h1>
      <p className="banner" role="note">
        {t('requests.compose.privacy')}
      </p>
      <h2>{t('requests.compose.units')}</h2>
      {unitIds.length === 0 ? (
        <p>
          {t('requests.compose.noUnits')} <Link to="/suche">{t('requests.back')}</Link>
        </p>
      ) : (
        <ul>
          {unitIds.map((id) => (
            <li key={id}>
              {names[id] ?? id}
              {running.includes(id) && <strong className="tag warn"> {t('requests.compose.running')}</strong>}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={error} />
      <form onSubmit={submit} noValidate className="stack">
        <Field id="c-caseref" label={t('requests.compose.caseRef')} hint={t('requests.compose.caseRefHint')} value={form.caseRef} onChange={(v) => setForm({ ...form, caseRef: v })} error={fe('caseRef')} required />
        <IdentityWarning id="c-caseref-warning" text={form.caseRef} caseRef />
        <Field id="c-age" label={t('requests.compose.age')} type="number" value={form.childAge} onChange={(v) => setForm({ ...form, childAge: v })} error={fe('childAge')} required />
        <div className="field">
          <label htmlFor="c-gender">{t('requests.compose.gender')}</label>
          <select id="c-gender" value={form.childGender} onChange={(e) => setForm({ ...form, childGender: e.target.value })}>
            {['female', 'male', 'diverse'].map((g) => (
              <option key={g} value={g}>
                {t(`requests.genders.${g}`)}
              </option>
            ))}
          </select>
        </div>
        {terms.specialisations.length > 0 && (
          <fieldset className="checks">
            <legend>{t('requests.needs')}</legend>
            {terms.specialisations.map((s) => (
              <label key={s.code}>
                <input type="checkbox" checked={form.needs.includes(s.code)} onChange={() => toggle('needs', s.code)} /> {label(s)}
              </label>
            ))}
            {fe('needs') && <p className="field-error">{fe('needs')}</p>}
          </fieldset>
        )}
        {terms.exclusions.length > 0 && (
          <fieldset className="checks">
            <legend>{t('requests.conditions')}</legend>
            {terms.exclusions.map((s) => (
              <label key={s.code}>
                <input type="checkbox" checked={form.conditions.includes(s.code)} onChange={() => toggle('conditions', s.code)} /> {label(s)}
              </label>
            ))}
          </fieldset>
        )}
        <Field id="c-siblings" label={t('requests.siblings')} type="number" value={form.siblings} onChange={(v) => setForm({ ...form, siblings: v })} error={fe('siblings')} />
        <Field id="c-start" label={t('requests.compose.desiredStart')} type="date" value={form.desiredStart} onChange={(v) => setForm({ ...form, desiredStart: v })} error={fe('desiredStart')} required />
        <fieldset className="segmented">
          <legend>{t('requests.compose.urgency')}</legend>
          {(['regular', 'emergency'] as const).map((u) => (
            <label key={u}>
              <input type="radio" name="urgency" value={u} checked={form.urgency === u} onChange={() => setForm({ ...form, urgency: u })} />
              {t(`requests.urgency.${u}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="c-note">{t('requests.compose.note')}</label>
          <textarea id="c-note" value={form.note} maxLength={1000} onChange={(e) => setForm({ ...form, note: e.target.value })} aria-invalid={fe('note') ? true : undefined} aria-describedby={fe('note') ? 'c-note-error' : undefined} />
          <IdentityWarning id="c-note-warning" text={form.note} />
          {fe('note') && (
            <p id="c-note-error" className="field-error">
              {fe('note')}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy || unitIds.length === 0}>
          {t('requests.compose.submit')}
        </button>
      </form>
    </>
  );
}
