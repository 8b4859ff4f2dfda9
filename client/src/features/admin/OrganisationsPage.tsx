import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../../shared/schemas/organisations';
import { api, ApiError } from '../../lib/api';
import { TableWrap } from '../../components/TableWrap';

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    api<{ items: Organisation[] }>('GET', '/api/v1/organisations').then((r) => setOrgs(r.items), setError);
  }, []);
  useEffect(load, [load]);

  async function verify(o: Organisation, verified: boolean) {
    try {
      await api('POST', `/api/v1/organisations/${o.id}/verification`, { verified });
      setStatus(`${o.name}: ${verified ? t('orgs.verify') : t('orgs.unverify')}`);
      load();
    } catch (e) {
      setError(e as ApiError);
    }
  }

  return (
    <>
      <h1>{t('orgs.title')}</h1>
      <p role="status" className="status">
        {status}
      </p>
      {error && (
        <p role="alert" className="error">
          {t('errors.generic', { message: error.message })}
        </p>
      )}
      <TableWrap label={t('orgs.title')}>
        <table>
          <caption className="sr-only">{t('orgs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('orgs.kind')}</th>
              <th scope="col">{t('orgs.verified')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id}>
                <td>
                  {o.name}
                  {o.districtName ? ` (${o.districtName})` : ''}
                </td>
                <td>{t(`orgs.kinds.${o.kind}`)}</td>
                <td>{o.kind === 'provider' ? (o.verifiedAt ? t('orgs.yes') : t('orgs.no')) : '–'}</td>
                <td>
                  {o.kind === 'provider' && (
                    <button type="button" onClick={() => void verify(o, !o.verifiedAt)} aria-label={`${o.verifiedAt ? t('orgs.unverify') : t('orgs.verify')}: ${o.name}`}>
                      {o.verifiedAt ? t('orgs.unverify') : t('orgs.verify')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
