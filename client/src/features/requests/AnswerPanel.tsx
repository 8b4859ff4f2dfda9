import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IdentityWarning } from './IdentityWarning';
import { SelectField, TextAreaField, TextField } from '../../components/form';
import type { ApiError } from '../../lib/api';

const REASONS = ['no-place', 'group-fit', 'needs-not-covered', 'exclusion', 'age-gender', 'staffing', 'other'];

/** The provider's answer to an open request: accept (holding the place for some hours) or decline with a reason. */
export function AnswerPanel({ busy, error, onAccept, onDecline }: { busy: boolean; error: ApiError | null; onAccept: (holdHours: string) => void; onDecline: (reason: string, text: string) => void }) {
  const { t } = useTranslation();
  const [holdHours, setHoldHours] = useState('');
  const [reason, setReason] = useState('no-place');
  const [reasonText, setReasonText] = useState('');
  const fe = (name: string) => error?.fieldMessage(`body.${name}`);
  return (
    <section aria-labelledby="answer-h" className="panel">
      <h2 id="answer-h">{t('requests.accept')}</h2>
      <TextField id="hold-hours" label={t('requests.holdHours')} type="number" min={1} max={72} inputMode="numeric" value={holdHours} onChange={setHoldHours} error={fe('holdHours')} />
      <button type="button" className="primary" aria-disabled={busy || undefined} onClick={() => onAccept(holdHours)}>
        {t('requests.accept')}
      </button>
      <h2>{t('requests.decline')}</h2>
      <SelectField id="decline-reason" label={t('requests.declineReason')} value={reason} onChange={setReason} error={fe('reason')}>
        {REASONS.map((c) => (
          <option key={c} value={c}>
            {t(`requests.reasons.${c}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField id="decline-text" label={t('requests.declineText')} value={reasonText} onChange={setReasonText} maxLength={1000} error={fe('text')} />
      <IdentityWarning id="decline-text-warning" text={reasonText} />
      <button type="button" aria-disabled={busy || undefined} onClick={() => onDecline(reason, reasonText)}>
        {t('requests.decline')}
      </button>
    </section>
  );
}
