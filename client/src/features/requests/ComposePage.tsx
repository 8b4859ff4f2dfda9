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
import { mayHaveHappened } from '../../lib/api';
import { createRequests, newIdempotencyKey, useRunning, type RequestDraft } from './api';
import { RunningNotice } from './RunningNotice';

const list = (v: string | null) => (v ?? '').split(',').filter(Boolean);

/**
 * The request composer for one or several units: `/anfragen/neu?units=<id>,<id>&names=<json>`,
 * with the search's criteria beside them (`alter`, `geschlecht`, `bedarf`, `ausschluss`,
 * `geschwister`, `ab`, `az`, `bezug`): what the caseworker searched for is not typed again, and
 * nothing is filled in that they did not choose.
 */
export default function ComposePage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const unitIds = useMemo(() => list(params.get('units')), [params]);
  const names = useMemo<Record<string, string>>(() => {
    try {
      return JSON.parse(params.get('names') ?? '{}');
    } catch {
      return {};
    }
  }, [params]);
  const tax = useTaxonomies();
  const running = useRunning(unitIds);
  const reference = params.get('bezug') ?? params.get('ort') ?? '';
  const [form, setForm] = useState({
    caseRef: params.get('az') ?? '',
    childAge: params.get('alter') ?? '',
    childGender: params.get('geschlecht') ?? '',
    needs: list(params.get('bedarf')),
    conditions: list(params.get('ausschluss')),
    siblings: params.get('geschwister') ?? '0',
    // neither is assumed: a start date and the urgency are the caseworker's choice (an emergency sent
    // as 'regular' would reach the provider without its alarm)
    desiredStart: params.get('ab') ?? '',
    urgency: '',
    note: '',
  });
  const { busy, error, run } = useAction();
  const announce = useAnnounce();
  useDocumentTitle(unitIds.length === 1 && names[unitIds[0]] ? t('titles.composeTo', { unit: names[unitIds[0]] }) : undefined);
  const key = useRef(newIdempotencyKey());
  const set = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const opts = (terms: { code: string; nameDe: string; nameEn: string }[] = []) => terms.map((s) => ({ code: s.code, label: termName(s, i18n.language) }));
  // back to the search with its criteria, results and this selection
  const back = useMemo(() => {
    const p = new URLSearchParams(params);
    for (const k of ['units', 'names', 'bezug']) p.delete(k);
    p.set('los', '1');
    p.set('auswahl', unitIds.join(','));
    return `/suche?${p.toString()}`;
  }, [params, unitIds]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const draft: RequestDraft = {
      unitIds,
      caseRef: form.caseRef,
      childAge: form.childAge === '' ? undefined : Number(form.childAge),
      childGender: (form.childGender || undefined) as RequestDraft['childGender'],
      needs: form.needs,
      conditions: form.conditions,
      siblings: Number(form.siblings),
      desiredStart: form.desiredStart || undefined,
      urgency: (form.urgency || undefined) as RequestDraft['urgency'],
      reference: reference || undefined,
      note: form.note || undefined,
    };
    let uncertain = false;
    const res = await run(() =>
      createRequests(draft, key.current).catch((e: unknown) => {
        uncertain = mayHaveHappened(e);
        throw e;
      }),
    );
    if (!res) {
      // a refused request may be changed and sent anew; one that may have been saved is retried as itself
      if (!uncertain) key.current = newIdempotencyKey();
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
      <h2>{t('requests.compose.units', { count: unitIds.length })}</h2>
      {unitIds.length === 0 ? (
        <p>
          {t('requests.compose.noUnits')} <Link to="/suche">{t('requests.back')}</Link>
        </p>
      ) : (
        <ul>
          {unitIds.map((id) => (
            <li key={id}>
              {names[id] || t('requests.compose.unnamedUnit')}
              <RunningNotice items={running.filter((r) => r.unitId === id)} caseRef={form.caseRef} />
            </li>
          ))}
        </ul>
      )}
      {unitIds.length > 0 && (
        <p>
          <Link to={back}>{t('requests.compose.backToSearch')}</Link>
        </p>
      )}
      {reference && <p>{t('requests.compose.reference', { label: reference })}</p>}
      <ErrorAlert error={error} fieldsInline />
      <Form onSubmit={submit} error={error} className="stack">
        <TextField id="c-caseref" name="caseRef" label={t('requests.compose.caseRef')} hint={t('requests.compose.caseRefHint')} value={form.caseRef} onChange={set('caseRef')} required />
        <IdentityWarning id="c-caseref-warning" text={form.caseRef} caseRef />
        <TextField id="c-age" name="childAge" label={t('requests.compose.age')} type="number" inputMode="numeric" value={form.childAge} onChange={set('childAge')} required />
        <SelectField id="c-gender" name="childGender" label={t('requests.compose.gender')} value={form.childGender} onChange={set('childGender')} required>
          <option value="">{t('requests.compose.choose')}</option>
          {['female', 'male', 'diverse'].map((g) => (
            <option key={g} value={g}>
              {t(`requests.genders.${g}`)}
            </option>
          ))}
        </SelectField>
        {!!tax?.specialisations.length && <CheckboxGroup id="c-needs" name="needs" legend={t('requests.needs')} options={opts(tax.specialisations)} value={form.needs} onChange={set('needs')} />}
        {!!tax?.exclusions.length && <CheckboxGroup id="c-conditions" name="conditions" legend={t('requests.conditions')} options={opts(tax.exclusions)} value={form.conditions} onChange={set('conditions')} />}
        <TextField id="c-siblings" name="siblings" label={t('requests.siblings')} type="number" inputMode="numeric" value={form.siblings} onChange={set('siblings')} />
        <TextField id="c-start" name="desiredStart" label={t('requests.compose.desiredStart')} type="date" value={form.desiredStart} onChange={set('desiredStart')} required />
        <RadioGroup
          id="c-urgency"
          name="urgency"
          legend={t('requests.compose.urgency')}
          options={(['regular', 'emergency'] as const).map((u) => ({ code: u, label: t(`requests.urgency.${u}`) }))}
          value={form.urgency}
          onChange={set('urgency')}
          required
        />
        <TextAreaField id="c-note" name="note" label={t('requests.compose.note')} value={form.note} maxLength={1000} onChange={set('note')} />
        <IdentityWarning id="c-note-warning" text={form.note} />
        <button type="submit" className="primary" aria-disabled={busy || undefined} disabled={unitIds.length === 0}>
          {t('requests.compose.submit', { count: unitIds.length })}
        </button>
      </Form>
    </>
  );
}
