import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IdentityWarning } from './IdentityWarning';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CheckboxGroup, Form, RadioGroup, SelectField, TextAreaField, TextField } from '../../components/form';
import { useAnnounce } from '../../lib/announce';
import { useDocumentTitle } from '../../lib/page-title';
import { termName, useTaxonomies } from '../../lib/taxonomies';
import { useAction } from '../../lib/use-api';
import { createRequests, newIdempotencyKey, useRunning, type RequestDraft } from './api';

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
  const tax = useTaxonomies();
  const running = useRunning(unitIds);
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
  const { busy, error, run } = useAction();
  const announce = useAnnounce();
  useDocumentTitle(unitIds.length === 1 && names[unitIds[0]] ? t('titles.composeTo', { unit: names[unitIds[0]] }) : undefined);
  const key = useRef(newIdempotencyKey());
  const set = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const opts = (terms: { code: string; nameDe: string; nameEn: string }[] = []) => terms.map((s) => ({ code: s.code, label: termName(s, i18n.language) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const draft: RequestDraft = {
      unitIds,
      caseRef: form.caseRef,
      childAge: form.childAge === '' ? undefined : Number(form.childAge),
      childGender: form.childGender as RequestDraft['childGender'],
      needs: form.needs,
      conditions: form.conditions,
      siblings: Number(form.siblings),
      desiredStart: form.desiredStart,
      urgency: form.urgency as RequestDraft['urgency'],
      note: form.note || undefined,
    };
    const res = await run(() => createRequests(draft, key.current));
    if (!res) {
      key.current = newIdempotencyKey();
      return;
    }
    // the shell's live region outlives this page: the notice is read on the next one
    announce(t('requests.compose.sent'));
    navigate(res.items.length === 1 ? `/anfragen/${res.items[0].id}` : '/anfragen');
  }

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
      <ErrorAlert error={error} fieldsInline />
      <Form onSubmit={submit} error={error} className="stack">
        <TextField id="c-caseref" name="caseRef" label={t('requests.compose.caseRef')} hint={t('requests.compose.caseRefHint')} value={form.caseRef} onChange={set('caseRef')} required />
        <IdentityWarning id="c-caseref-warning" text={form.caseRef} caseRef />
        <TextField id="c-age" name="childAge" label={t('requests.compose.age')} type="number" value={form.childAge} onChange={set('childAge')} required />
        <SelectField id="c-gender" name="childGender" label={t('requests.compose.gender')} value={form.childGender} onChange={set('childGender')}>
          {['female', 'male', 'diverse'].map((g) => (
            <option key={g} value={g}>
              {t(`requests.genders.${g}`)}
            </option>
          ))}
        </SelectField>
        {!!tax?.specialisations.length && <CheckboxGroup id="c-needs" name="needs" legend={t('requests.needs')} options={opts(tax.specialisations)} value={form.needs} onChange={set('needs')} />}
        {!!tax?.exclusions.length && <CheckboxGroup id="c-conditions" name="conditions" legend={t('requests.conditions')} options={opts(tax.exclusions)} value={form.conditions} onChange={set('conditions')} />}
        <TextField id="c-siblings" name="siblings" label={t('requests.siblings')} type="number" value={form.siblings} onChange={set('siblings')} />
        <TextField id="c-start" name="desiredStart" label={t('requests.compose.desiredStart')} type="date" value={form.desiredStart} onChange={set('desiredStart')} required />
        <RadioGroup
          id="c-urgency"
          name="urgency"
          legend={t('requests.compose.urgency')}
          options={(['regular', 'emergency'] as const).map((u) => ({ code: u, label: t(`requests.urgency.${u}`) }))}
          value={form.urgency}
          onChange={set('urgency')}
        />
        <TextAreaField id="c-note" name="note" label={t('requests.compose.note')} value={form.note} maxLength={1000} onChange={set('note')} />
        <IdentityWarning id="c-note-warning" text={form.note} />
        <button type="submit" className="primary" aria-disabled={busy || undefined} disabled={unitIds.length === 0}>
          {t('requests.compose.submit')}
        </button>
      </Form>
    </>
  );
}
