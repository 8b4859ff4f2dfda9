import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableWrap } from '../../components/TableWrap';
import { useAction } from '../../lib/use-api';
import { adminApi, useOrganisations, type Organisation } from './api';

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const orgs = useOrganisations();
  const action = useAction();
  const [status, setStatus] = useState('');

  async function verify(o: Organisation, verified: boolean) {
    if (!(await action.run(() => adminApi.verify(o.id, verified)))) return;
    setStatus(`${o.name}: ${verified ? t('orgs.verify') : t('orgs.unverify')}`);
    orgs.reload();
  }

  return (
    <>
      <h1>{t('orgs.title')}</h1>
      <p role="status" className="status">
        {status}
      </p>
      <ErrorAlert error={action.error ?? orgs.error} />
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
            {(orgs.data ?? []).map((o) => (
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
