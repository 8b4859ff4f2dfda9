import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTaxonomies } from '../../lib/taxonomies';
import { describer } from './describe';
import { OpenSearches } from './OpenSearches';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { formToParams } from './search-url';
import { useSearch } from './useSearch';

const PHONE = '(max-width: 50rem)';

/** Is the screen phone-sized? Then the results come first and the form folds into a summary. */
function usePhone() {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE).matches);
  useEffect(() => {
    const m = window.matchMedia(PHONE);
    const on = () => setPhone(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return phone;
}

export default function SearchPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const taxonomies = useTaxonomies();
  const s = useSearch();
  const d = describer(t, i18n.language, taxonomies);
  const phone = usePhone();
  const [editing, setEditing] = useState(false);
  const chosenIds = Object.keys(s.chosen);
  const collapsed = phone && !!s.res && !editing && !s.error;
  useEffect(() => setEditing(false), [s.res]);

  function request() {
    // the child's criteria travel with the chosen units: nothing is typed twice
    const p = formToParams(s.form);
    p.set('units', chosenIds.join(','));
    p.set('names', JSON.stringify(s.chosen));
    if (s.res?.reference) p.set('bezug', s.res.reference.label);
    navigate(`/anfragen/neu?${p.toString()}`);
  }

  return (
    <>
      <h1>{t('search.title')}</h1>
      <p className="sr-only" aria-live="polite">
        {s.live}
      </p>
      {/* mounted afresh when the open search changes, so a search just opened is listed */}
      <OpenSearches key={s.open?.id ?? 'none'} current={s.open?.id} d={d} />
      {s.duplicate && (
        <p className="banner warn" role="alert">
          {t('search.duplicate', { name: s.duplicate.name ?? t('search.unnamed') })} <Link to={`?offen=${s.duplicate.id}`}>{t('search.reuse')}</Link>
        </p>
      )}
      <div className={`search-layout${collapsed ? ' collapsed' : ''}`}>
        {collapsed && (
          <p className="search-summary">
            <span>{d.summary(s.form)}</span>{' '}
            <button type="button" onClick={() => setEditing(true)}>
              {t('search.edit')}
            </button>
          </p>
        )}
        <SearchForm key={`${s.open?.id ?? 'new'}:${JSON.stringify(s.form)}`} taxonomies={taxonomies} initial={s.form} error={s.error} busy={s.busy} hidden={collapsed} onSearch={(f, keepOpen) => void s.search(f, keepOpen)} />
        <div className="search-results">
          {s.open && (
            <p className={`banner ${s.open.status === 'open' ? '' : 'warn'}`} role="status">
              {s.open.name && <strong>{s.open.name}: </strong>}
              {s.open.status === 'open' ? t('search.openActive') : t('search.closed')}{' '}
              {s.open.status === 'open' && (
                <button type="button" onClick={() => void s.close()}>
                  {t('search.close')}
                </button>
              )}
            </p>
          )}
          <ErrorAlert error={s.error} fieldsInline />
          {s.res && <SearchResults res={s.res} d={d} sort={s.sort} marks={s.marks} chosen={s.chosen} heading={s.resultsHeading} onSort={s.changeSort} onPage={s.goTo} onChoose={s.toggle} />}
          {chosenIds.length > 0 && (
            <div className="sticky-action">
              <button type="button" className="primary" onClick={request}>
                {t('search.request', { count: chosenIds.length })}
              </button>
            </div>
          )}
        </div>
      </div>
    </>
  );
}
