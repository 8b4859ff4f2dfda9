import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DirectoryFacets, DirectorySearchResult } from '../../../../shared/schemas/directory';
import { ApiError } from '../../lib/api';
import { getFacets, searchOffers } from './api';
import { NoResults } from './NoResults';
import { OfferCard } from './OfferCard';
import { OfferMap } from './OfferMap';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, SelectField, TextField } from '../../components/form';
import { PublicFrame } from '../../components/PublicFrame';
import './directory.css';
import { useNames } from './names';

const FIELDS = ['q', 'types', 'age', 'language', 'district', 'postcode', 'radiusKm'] as const;
type Field = (typeof FIELDS)[number];
const PER_PAGE = 20;

/** The types of service offered, under their groups (types without a group last, on their own). */
function TypeOptions({ facets }: { facets: DirectoryFacets }) {
  const n = useNames();
  const option = (s: DirectoryFacets['serviceTypes'][number]) => (
    <option key={s.code} value={s.code}>
      {n.type(s)}
    </option>
  );
  const known = new Set(facets.groups.map((g) => g.code));
  return (
    <>
      {facets.groups.map((g) => {
        const types = facets.serviceTypes.filter((s) => s.groupCode === g.code);
        return types.length ? (
          <optgroup key={g.code} label={n.term(g)}>
            {types.map(option)}
          </optgroup>
        ) : null;
      })}
      {facets.serviceTypes.filter((s) => !s.groupCode || !known.has(s.groupCode)).map(option)}
    </>
  );
}

export default function SearchPage() {
  const { t } = useTranslation();
  const n = useNames();
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState<Record<Field, string>>(() => Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<Field, string>);
  const [facets, setFacets] = useState<DirectoryFacets | null>(null);
  const [result, setResult] = useState<DirectorySearchResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const page = Number(params.get('page') ?? '1') || 1;

  useEffect(() => {
    getFacets().then(setFacets, setError);
  }, []);

  useEffect(() => {
    setForm(Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<Field, string>);
    setBusy(true);
    setError(null);
    const p = new URLSearchParams(params);
    p.set('perPage', String(PER_PAGE));
    // An answer to an earlier search that arrives after a newer one was sent must not replace it.
    let current = true;
    searchOffers(p)
      .then(
        (r) => current && setResult(r),
        (e: ApiError) => {
          if (!current) return;
          setError(e);
          setResult(null);
        },
      )
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
  }, [params]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const f of FIELDS) if (form[f].trim() && (f !== 'radiusKm' || form.postcode.trim())) next.set(f, form[f].trim());
    setParams(next);
  }
  const setTo = (f: Field) => (v: string) => setForm({ ...form, [f]: v });
  const fieldError = (f: Field) => error?.fieldMessage(`query.${f}`);
  const goTo = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
    document.getElementById('results-heading')?.focus();
  };
  const pages = result ? Math.max(1, Math.ceil(result.total / PER_PAGE)) : 1;

  return (
    <PublicFrame home="/verzeichnis" variant="pub" title={t('directory.title')}>
      <h1>{t('directory.title')}</h1>
      <p className="dir-intro">{t('directory.intro')}</p>
      <div className="dir-layout">
        <Form role="search" aria-labelledby="search-heading" className="dir-form" onSubmit={submit} error={error} prefix="query.">
          <h2 id="search-heading">{t('directory.searchHeading')}</h2>
          <TextField id="f-q" name="q" type="search" label={t('directory.q')} hint={t('directory.qHint')} value={form.q} onChange={setTo('q')} />
          <SelectField id="f-types" name="types" label={t('directory.type')} value={form.types} onChange={setTo('types')}>
            <option value="">{t('directory.any')}</option>
            {facets && <TypeOptions facets={facets} />}
          </SelectField>
          <TextField id="f-age" name="age" inputMode="numeric" label={t('directory.childAge')} value={form.age} onChange={setTo('age')} />
          <SelectField id="f-language" name="language" label={t('directory.language')} value={form.language} onChange={setTo('language')}>
            <option value="">{t('directory.any')}</option>
            {facets?.languages.map((l) => (
              <option key={l.code} value={l.code}>
                {n.term(l)}
              </option>
            ))}
          </SelectField>
          <SelectField id="f-district" name="district" label={t('directory.district')} value={form.district} onChange={setTo('district')}>
            <option value="">{t('directory.anyDistrict')}</option>
            {facets?.districts.map((d) => (
              <option key={d.ags} value={d.ags}>
                {d.name}
              </option>
            ))}
          </SelectField>
          <fieldset className="dir-near">
            <legend>{t('directory.near')}</legend>
            <TextField
              id="f-postcode"
              inputMode="numeric"
              autoComplete="postal-code"
              maxLength={5}
              label={t('directory.postcode')}
              value={form.postcode}
              onChange={setTo('postcode')}
              error={fieldError('postcode') ? t('directory.postcodeUnknown') : undefined}
            />
            <SelectField id="f-radiusKm" name="radiusKm" label={t('directory.radius')} value={form.radiusKm} onChange={setTo('radiusKm')}>
              <option value="">{t('directory.anyDistance')}</option>
              {[5, 10, 25, 50, 100].map((km) => (
                <option key={km} value={km}>
                  {t('directory.withinKm', { km })}
                </option>
              ))}
            </SelectField>
          </fieldset>
          <div className="dir-buttons">
            <button type="submit" className="primary">
              {t('directory.search')}
            </button>
            <button
              type="button"
              onClick={() => {
                setParams(new URLSearchParams());
              }}
            >
              {t('directory.reset')}
            </button>
          </div>
        </Form>

        <section aria-labelledby="results-heading" className="dir-results">
          <h2 id="results-heading" tabIndex={-1}>
            {t('directory.results')}
          </h2>
          <p role="status" className="dir-count">
            {busy ? t('app.loading') : result ? t('directory.found', { count: result.total }) : ''}
          </p>
          <ErrorAlert error={error} fieldsInline />
          {result && result.items.length > 0 && (
            <div className="dir-split">
              <ol className="dir-list" aria-label={t('directory.listLabel')}>
                {result.items.map((o) => (
                  <OfferCard key={o.id} o={o} />
                ))}
              </ol>
              <OfferMap offers={result.items} detailPath={(id) => `/verzeichnis/angebot/${id}`} />
            </div>
          )}
          {result && result.total === 0 && <NoResults result={result} params={params} />}
          {result && pages > 1 && (
            <nav className="dir-pager" aria-label={t('directory.pages')}>
              <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
                {t('directory.prev')}
              </button>
              <span>{t('directory.pageOf', { page, pages })}</span>
              <button type="button" disabled={page >= pages} onClick={() => goTo(page + 1)}>
                {t('directory.next')}
              </button>
            </nav>
          )}
        </section>
      </div>

      <section aria-labelledby="export-heading" className="dir-export">
        <h2 id="export-heading">{t('directory.exportHeading')}</h2>
        <p>{t('directory.exportText')}</p>
        <p>
          <a href="/hsds/export" download>
            {t('directory.exportLink')}
          </a>
        </p>
        <p>
          <a href="/api/docs/">{t('directory.apiLink')}</a>
        </p>
      </section>
    </PublicFrame>
  );
}
