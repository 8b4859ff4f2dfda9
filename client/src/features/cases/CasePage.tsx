import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableWrap } from '../../components/TableWrap';
import { useDocumentTitle } from '../../lib/page-title';
import { useCase, type CaseView } from './api';

type Entry = CaseView['entries'][number];

/** A CSV cell: quoted, quotes doubled, and no formula start (a spreadsheet must not run it). */
const cell = (v: string) => `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;

/**
 * `/faelle/:caseRef` (office only): everything done for one pseudonymous case reference, in time
 * order, for the case file: printable (print stylesheet, PDF through the browser) and as CSV.
 */
export default function CasePage() {
  const { caseRef = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data, error } = useCase(caseRef);
  useDocumentTitle(t('cases.title', { caseRef }));
  const when = (s: string) => new Date(s).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const what = (e: Entry) => t(`cases.kinds.${e.kind}`);
  const detail = (e: Entry) =>
    [
      e.kind === 'search-opened' && e.matchCount !== null ? t('cases.matches', { count: e.matchCount }) : '',
      e.reason ? t(`requests.reasons.${e.reason}`) : '',
      e.text ?? '',
    ]
      .filter(Boolean)
      .join(': ');

  function exportCsv() {
    if (!data) return;
    const head = [t('cases.at'), t('cases.what'), t('cases.subject'), t('cases.provider'), t('cases.by'), t('cases.detail')];
    const rows = data.entries.map((e) => [when(e.at), what(e), e.subject ?? '', e.providerName ?? '', e.byName ?? '', detail(e)]);
    // a BOM so spreadsheet programs read the umlauts; semicolons as German spreadsheets expect
    const csv = '\ufeff' + [head, ...rows].map((r) => r.map(cell).join(';')).join('\r\n');
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `fall-${caseRef.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <h1>{t('cases.title', { caseRef })}</h1>
      <p className="muted">{t('cases.intro')}</p>
      <ErrorAlert error={error} />
      {!data && !error && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          <p>
            {t('cases.searches', { count: data.searches })} · {t('cases.requests', { count: data.requests })} · {data.placed ? t('cases.placed') : t('cases.notPlaced')}
          </p>
          <p className="no-print actions">
            <button type="button" onClick={() => window.print()}>
              {t('cases.print')}
            </button>{' '}
            <button type="button" onClick={exportCsv} disabled={data.entries.length === 0}>
              {t('cases.csv')}
            </button>
          </p>
          {data.entries.length === 0 ? (
            <p>{t('cases.empty')}</p>
          ) : (
            <TableWrap label={t('cases.tableLabel', { caseRef })}>
              <table className="timeline">
                <caption className="sr-only">{t('cases.tableLabel', { caseRef })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.at')}</th>
                    <th scope="col">{t('cases.what')}</th>
                    <th scope="col">{t('cases.subject')}</th>
                    <th scope="col">{t('cases.by')}</th>
                    <th scope="col">{t('cases.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((e, i) => (
                    <tr key={i}>
                      <td>{when(e.at)}</td>
                      <td>{what(e)}</td>
                      <td>
                        {e.requestId ? <Link to={`/anfragen/${e.requestId}`}>{e.subject}</Link> : e.searchId ? <Link to={`/suche?offen=${e.searchId}`}>{e.subject ?? t('cases.search')}</Link> : e.subject}
                        {e.providerName && <div className="muted">{e.providerName}</div>}
                      </td>
                      <td>{e.byName ?? ''}</td>
                      <td>{detail(e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </>
  );
}
