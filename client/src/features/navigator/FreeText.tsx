import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NavigatorDialogueView, NavigatorInterpretation } from '../../../../shared/schemas/navigator';
import { Form, TextAreaField } from '../../components/form';
import { ApiError } from '../../lib/api';
import { interpretText } from './api';
import { ContactList } from './ContactList';
import { describeConcerns } from './understanding';

type Lang = 'de' | 'en';

/**
 * "In your own words": a short text before the first question. It is sent to be read and kept
 * only in this component's memory: never in the session storage, never on the server.
 */
export function FreeText({ ags, lang, onUnderstood }: { ags: string; lang: Lang; onUnderstood: (u: NavigatorInterpretation) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    // the button stays focusable while busy (aria-disabled): a second press does nothing
    if (busy) return;
    if (!text.trim()) return setError(t('navigator.freeTextRequired'));
    setBusy(true);
    try {
      onUnderstood(await interpretText(text.trim(), lang, ags));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'RATE_LIMITED' ? t('navigator.freeTextLimit') : err instanceof ApiError && err.code !== 'NETWORK' ? t('navigator.freeTextFailed') : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form onSubmit={submit} error={null} className="lotse-freetext no-print">
      <TextAreaField
        id="lotse-freetext"
        label={t('navigator.freeTextLabel')}
        hint={t('navigator.freeTextHint')}
        rows={3}
        maxLength={1000}
        autoComplete="off"
        value={text}
        onChange={setText}
        error={error ?? undefined}
      />
      <button type="submit" className="primary" aria-disabled={busy || undefined}>
        {t('navigator.continue')}
      </button>
      <p className="hint">{t('navigator.freeTextOr')}</p>
    </Form>
  );
}

/** "Ich habe verstanden: … — stimmt das?" with the words that led to each answer. */
export function Understanding({
  view,
  lang,
  understood,
  onAccept,
  onCorrect,
}: {
  view: NavigatorDialogueView;
  lang: Lang;
  understood: NavigatorInterpretation;
  onAccept: () => void;
  onCorrect: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // in danger the emergency contacts above take the focus; else this question does
  useEffect(() => {
    if (!understood.acuteDanger) heading.current?.focus();
  }, [understood]);
  const items = describeConcerns(view.dialogue, understood, lang);
  return (
    <section className="lotse-understood no-print" aria-labelledby="lotse-understood-heading" data-testid="understood">
      <h2 id="lotse-understood-heading" ref={heading} tabIndex={-1} className="lotse-bubble lotse-bot lotse-question">
        <span className="lotse-who">{t('navigator.botSays')}</span> {items.length ? t('navigator.understood') : t('navigator.notUnderstood')}
      </h2>
      {items.length > 0 && (
        <>
          <ul className="lotse-understood-list">
            {items.map((i) => (
              <li key={i.key}>
                <span className="lotse-understood-label">{i.label}</span>{' '}
                {i.matched.length > 0 && <span className="lotse-because">{t('navigator.because', { words: i.matched.map((w) => `„${w}“`).join(', ') })}</span>}
              </li>
            ))}
          </ul>
          <p className="lotse-understood-ask">{t('navigator.isThatRight')}</p>
        </>
      )}
      <div className="lotse-options">
        {items.length > 0 && (
          <button type="button" className="primary" onClick={onAccept}>
            {t('navigator.understoodYes')}
          </button>
        )}
        <button type="button" onClick={onCorrect}>
          {items.length ? t('navigator.understoodNo') : t('navigator.understoodAsk')}
        </button>
      </div>
    </section>
  );
}

/** The text shows signs of acute danger: the district's emergency contacts before anything else. */
export function EmergencyNow({ view, lang }: { view: NavigatorDialogueView; lang: Lang }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="lotse-current lotse-step-emergency" aria-labelledby="lotse-danger-heading">
      <h2 id="lotse-danger-heading" ref={heading} tabIndex={-1} className="lotse-bubble lotse-bot lotse-question">
        <span className="lotse-who">{t('navigator.botSays')}</span> {t('navigator.emergencyHeading')}
      </h2>
      <div className="lotse-emergency" data-testid="emergency">
        <p className="lotse-emergency-text">{t('navigator.dangerInText')}</p>
        <ContactList contacts={view.emergency[lang]} big />
      </div>
    </section>
  );
}
