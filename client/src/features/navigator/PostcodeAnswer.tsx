import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NavigatorStep } from '../../../../shared/schemas/navigator';
import { Form, TextField } from '../../components/form';
import { ApiError } from '../../lib/api';
import { findPlaces } from './api';

type Lang = 'de' | 'en';

/** A postcode asked inside a dialogue: it must lie in the district whose guide this is. */
export function PostcodeAnswer({
  step,
  lang,
  ags,
  onAnswer,
  questionId,
}: {
  step: Extract<NavigatorStep, { kind: 'postcode' }>;
  lang: Lang;
  ags: string;
  onAnswer: (v?: string) => void;
  questionId: string;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    if (!/^\d{5}$/.test(v)) return setError(t('navigator.postcodeFormat'));
    try {
      const r = await findPlaces(v);
      if (r.items.length === 0) return setError(t('navigator.postcodeUnknown'));
      // a postcode of another district would bring that district's help: the person changes place instead
      if (!r.items.some((p) => p.ags === ags)) return setError(t('navigator.postcodeOtherDistrict', { district: r.items.map((p) => p.name).join(', ') }));
    } catch (err) {
      return setError(err instanceof ApiError && err.code !== 'NETWORK' ? t('navigator.postcodeUnknown') : t('errors.network'));
    }
    onAnswer(v);
  }
  return (
    <Form onSubmit={submit} error={null} className="lotse-answer" aria-labelledby={questionId}>
      <TextField
        id="lotse-postcode"
        label={t('navigator.postcode')}
        hint={step.hint?.[lang]}
        inputMode="numeric"
        autoComplete="postal-code"
        maxLength={5}
        value={value}
        onChange={setValue}
        error={error ?? undefined}
      />
      <div className="lotse-options">
        <button type="submit" className="primary">
          {t('navigator.continue')}
        </button>
        {step.optional && (
          <button type="button" onClick={() => onAnswer(undefined)}>
            {t('navigator.skip')}
          </button>
        )}
      </div>
    </Form>
  );
}
