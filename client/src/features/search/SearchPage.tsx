import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTaxonomies } from '../../lib/taxonomies';
import { OpenSearches } from './OpenSearches';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { useSearch } from './useSearch';

export default function SearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const taxonomies = useTaxonomies();
  const s = useSearch();
  const chosenIds = Object.keys(s.chosen);
  return (
    <>
      <h1>{t('search.title')}</h1>
      <p className="sr-only" aria-live="polite">
        {s.live}
      </p>
      <OpenSearches current={s.open?.id} />
      <div className="search-layout">
        <SearchForm key={s.open?.id ?? 'new'} taxonomies={taxonomies} initial={s.form} error={s.error} busy={s.busy} onSearch={s.search} />
        <div className="search-results">
          {s.open && (
            <p className={`banner ${s.open.status === 'open' ? '' : 'warn'}`} role="status">
              {s.open.status === 'open' ? t('search.openActive') : t('search.closed')}{' '}
              {s.open.status === 'open' && (
                <button type="button" onClick={() => void s.close()}>
                  {t('search.close')}
                </button>
              )}
            </p>
          )}
          <ErrorAlert error={s.error} fieldsInline />
          {s.res && <SearchResults res={s.res} sort={s.sort} marks={s.marks} chosen={s.chosen} heading={s.resultsHeading} onSort={s.changeSort} onPage={s.goTo} onChoose={s.toggle} />}
          {chosenIds.length > 0 && (
            <div className="sticky-action">
              <button type="button" className="primary" onClick={() => navigate(`/anfragen/neu?units=${chosenIds.join(',')}&names=${encodeURIComponent(JSON.stringify(s.chosen))}`)}>
                {t('search.request', { count: chosenIds.length })}
              </button>
            </div>
          )}
        </div>
      </div>
    </>
  );
}
