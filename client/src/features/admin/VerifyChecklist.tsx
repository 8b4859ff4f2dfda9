import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { VerificationChecklistSchema } from '../../../../shared/schemas/organisations';
import { Checkbox, Form, TextField } from '../../components/form';
import type { ApiError } from '../../lib/api';
import type { Organisation } from './api';
import { ConfirmBox } from './ConfirmBox';

export type Checklist = z.input<typeof VerificationChecklistSchema>;
const ITEMS = ['licence', 'address', 'contact', 'units'] as const;

/** The platform admin's checklist before a provider becomes visible: every item ticked, the licence reference named. */
export function VerifyChecklist({ org, busy, error, onVerify, onCancel }: { org: Organisation; busy: boolean; error: ApiError | null; onVerify: (c: Checklist) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [licenceRef, setLicenceRef] = useState('');
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const all = ITEMS.every((i) => ticked[i]);
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    onVerify({ licenceRef, licence: !!ticked.licence, address: !!ticked.address, contact: !!ticked.contact, units: !!ticked.units } as Checklist);
  };
  return (
    <ConfirmBox title={t('orgs.checklistTitle', { name: org.name })} confirm={t('orgs.verify')} busy={busy} onConfirm={() => submit()} onCancel={onCancel} confirmDisabled={!all || licenceRef.trim() === ''}>
      <p>{t('orgs.checklistIntro')}</p>
      <Form onSubmit={submit} error={error} prefix="body.checklist." aria-label={t('orgs.checklistTitle', { name: org.name })}>
        <TextField id="v-licenceRef" name="licenceRef" label={t('orgs.licenceRef')} hint={t('orgs.licenceRefHint')} value={licenceRef} onChange={setLicenceRef} required />
        {ITEMS.map((i) => (
          <Checkbox key={i} id={`v-${i}`} name={i} label={t(`orgs.check.${i}`, { address: [org.street, org.postcode, org.city].filter(Boolean).join(', ') || '–', contact: [org.phone, org.email].filter(Boolean).join(', ') || '–' })} checked={!!ticked[i]} onChange={(v) => setTicked((c) => ({ ...c, [i]: v }))} />
        ))}
      </Form>
    </ConfirmBox>
  );
}
