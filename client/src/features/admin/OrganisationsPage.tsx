import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableWrap } from '../../components/TableWrap';
import { afterRender, focusElement } from '../../lib/focus';
import { useAction } from '../../lib/use-api';
import { adminApi, useOrganisations, type Organisation } from './api';
import { ConfirmBox } from './ConfirmBox';
import { VerifyChecklist } from './VerifyChecklist';

export default function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const orgs = useOrganisations();
  const action = useAction();
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [pending, setPending] = useState<{ org: Organisation; verify: boolean } | null>(null);

  async function done(o: Organisation, verified: boolean, call: () => Promise<Organisation>) {
    if (!(await action.run(call))) return;
    setPending(null);
    setStatus(t(verified ? 'orgs.verifiedDone' : 'orgs.unverifiedDone', { name: o.name }));
    // the confirmation box is gone: the focus goes to the result, which reads it
    afterRender(() => focusElement(statusRef.current));
    orgs.reload();
  }
  const when = (s: string) => new Date(s).toLocaleDateString(i18n.language);

  return (
    <>
      <h1>{t('orgs.title')}</h1>
      {/* not a live region: the focus comes here after each step, which reads it */}
      <p className="status" tabIndex={-1} ref={statusRef}>
        {status}
      </p>
      <ErrorAlert error={action.error ?? orgs.error} fieldsInline={!!pending} />
      {pending?.verify && (
        <VerifyChecklist org={pending.org} busy={action.busy} error={action.error} onVerify={(c) => void done(pending.org, true, () => adminApi.verify(pending.org.id, true, c))} onCancel={() => setPending(null)} />
      )}
      {pending && !pending.verify && (
        <ConfirmBox
          title={t('orgs.confirmUnverify', { name: pending.org.name })}
          confirm={t('orgs.unverify')}
          busy={action.busy}
          onConfirm={() => void done(pending.org, false, () => adminApi.verify(pending.org.id, false))}
          onCancel={() => setPending(null)}
        >
          <p>{t('orgs.confirmUnverifyText')}</p>
        </ConfirmBox>
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
            {(orgs.data ?? []).map((o) => (
              <tr key={o.id}>
                <td>
                  {o.name}
                  {o.districtName ? ` (${o.districtName})` : ''}
                </td>
                <td>{t(`orgs.kinds.${o.kind}`)}</td>
                <td>
                  {o.kind !== 'provider'
                    ? '–'
                    : o.verifiedAt
                      ? o.verification
                        ? t('orgs.verifiedBy', { name: o.verification.byName ?? '–', date: when(o.verification.at), licence: o.verification.licenceRef })
                        : t('orgs.yes')
                      : t('orgs.notYet')}
                </td>
                <td>
                  {o.kind === 'provider' && (
                    <button type="button" onClick={() => setPending({ org: o, verify: !o.verifiedAt })} aria-label={`${o.verifiedAt ? t('orgs.unverify') : t('orgs.verify')}: ${o.name}`}>
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
