import { useTranslation } from 'react-i18next';
import { CallBack } from './CallBack';
import { Link, useParams } from 'react-router';
import { ANSWERABLE_STATUSES, RUNNING_STATUSES } from '../../../../shared/schemas/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuth } from '../../lib/auth';
import { termName, useTaxonomies } from '../../lib/taxonomies';
import { useDocumentTitle } from '../../lib/page-title';
import { AnswerPanel } from './AnswerPanel';
import { HoldTime } from './HoldTime';
import { StatusBadge } from './StatusBadge';
import { Thread } from './Thread';
import { useRequestDetail } from './useRequestDetail';

export default function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const isOffice = me?.organisation.kind === 'office';
  const d = useRequestDetail(id);
  const r = d.request;
  const tax = useTaxonomies();
  // taxonomy labels, never codes
  const labels = (kind: 'specialisations' | 'exclusions', codes: string[]) =>
    codes.map((c) => { const term = tax?.[kind].find((x) => x.code === c); return term ? termName(term, i18n.language) : '…'; }).join(', ') || t('requests.none');
  useDocumentTitle(r ? t('titles.requestTo', { unit: r.unitName }) : undefined);

  if (!r) return d.loadError ? <ErrorAlert error={d.loadError} /> : <p role="status">{t('app.loading')}</p>;
  const fmt = (s: string) => new Date(s).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const running = RUNNING_STATUSES.includes(r.status);
  return (
    <>
      <p>
        <Link to="/anfragen">{t('requests.back')}</Link>
      </p>
      <h1>{r.unitName}</h1>
      <p>
        {r.urgency === 'emergency' && <strong className="tag danger">{t('requests.urgency.emergency')}</strong>} <StatusBadge status={r.status} />
        {r.status === 'accepted' && r.holdExpiresAt && (
          <>
            {' · '}
            <HoldTime until={r.holdExpiresAt} unit={r.unitName} />
          </>
        )}
      </p>
      {/* not a live region: the focus moves here after each step, which reads it */}
      <p className="status" tabIndex={-1} ref={d.statusRef}>
        {d.status}
      </p>
      <ErrorAlert error={d.answerError ?? d.loadError} />
      <ErrorAlert error={d.messageError} fieldsInline />
      <dl className="facts">
        <dt>{isOffice ? t('requests.provider') : t('requests.office')}</dt>
        <dd>{isOffice ? r.providerName : r.officeName}</dd>
        {!isOffice && <CallBack r={r} />}
        {isOffice && r.caseRef && (
          <>
            <dt>{t('requests.caseRef')}</dt>
            <dd>
              {r.caseRef} (<Link to={`/faelle/${encodeURIComponent(r.caseRef)}`}>{t('requests.caseView')}</Link>)
            </dd>
          </>
        )}
        {r.referenceLabel && (
          <>
            <dt>{t('requests.reference')}</dt>
            <dd>{r.referenceLabel}</dd>
          </>
        )}
        <dt>{t('requests.child')}</dt>
        <dd>{t('requests.childSummary', { age: r.childAge, gender: t(`requests.genders.${r.childGender}`) })}</dd>
        <dt>{t('requests.needs')}</dt>
        <dd>{labels('specialisations', r.needs)}</dd>
        <dt>{t('requests.conditions')}</dt>
        <dd>{labels('exclusions', r.conditions)}</dd>
        <dt>{t('requests.siblings')}</dt>
        <dd>{r.siblings}</dd>
        <dt>{t('requests.desiredStart')}</dt>
        <dd>{new Date(r.desiredStart).toLocaleDateString(i18n.language)}</dd>
        {r.note && (
          <>
            <dt>{t('requests.note')}</dt>
            <dd>{r.note}</dd>
          </>
        )}
        {r.declineReason && (
          <>
            <dt>{t('requests.declineReason')}</dt>
            <dd>
              {t(`requests.reasons.${r.declineReason}`)}
              {r.declineText ? `: ${r.declineText}` : ''}
            </dd>
          </>
        )}
      </dl>

      {!isOffice && ANSWERABLE_STATUSES.includes(r.status) && (
        <AnswerPanel busy={d.busy} error={d.answerError} onAccept={(h) => void d.accept(h)} onDecline={(reason, text) => void d.decline(reason, text)} />
      )}
      {isOffice && r.status === 'accepted' && (
        <button type="button" className="primary big" aria-disabled={d.busy || undefined} onClick={() => void d.confirm()}>
          {t('requests.confirm')}
        </button>
      )}
      {isOffice && running && (
        <button type="button" aria-disabled={d.busy || undefined} onClick={() => void d.withdraw()}>
          {t('requests.withdraw')}
        </button>
      )}
      {!isOffice && r.status === 'accepted' && (
        <button type="button" aria-disabled={d.busy || undefined} onClick={() => void d.release()}>
          {t('requests.release')}
        </button>
      )}

      <Thread request={r} myOrgId={me?.organisation.id} open={running} canAsk={!isOffice} busy={d.busy} error={d.messageError} fmt={fmt} onWrite={d.write} />
    </>
  );
}
