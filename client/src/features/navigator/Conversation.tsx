import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { NavigatorAnswer, NavigatorDialogueView, NavigatorInterpretation, NavigatorStep } from '../../../../shared/schemas/navigator';
import { ApiError } from '../../lib/api';
import { getDialogue } from './api';
import { ContactList } from './ContactList';
import { PublicFrame } from '../../components/PublicFrame';
import './navigator.css';
import { Results } from './Results';
import { DangerStrip } from './DangerStrip';
import { PostcodeAnswer } from './PostcodeAnswer';
import { EmergencyNow, FreeText, Understanding } from './FreeText';
import { applyPending } from './understanding';
import { errorText } from '../../lib/issues';

/** In the admin preview the conversation sits in the admin screen, not in a page of its own. */
function PreviewFrame({ children }: { children: ReactNode; home: string; variant: string; title: string }) {
  return <div className="lotse-preview lotse-main">{children}</div>;
}

/** The conversation lives in this browser tab only (sessionStorage), never on the server. */
const storageKey = (ags: string) => `hpb.lotse.v1.${ags}`;
function loadAnswers(ags: string): NavigatorAnswer[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(storageKey(ags)) ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

type Lang = 'de' | 'en';

interface Turn {
  step: NavigatorStep;
  answer: string;
}

/** Replays the answers given so far: the turns to show and the step the person is at. */
function replay(view: NavigatorDialogueView, given: NavigatorAnswer[], lang: Lang, skipped: string): { turns: Turn[]; at: NavigatorStep } {
  const d = view.dialogue;
  const steps = new Map(d.steps.map((s) => [s.id, s]));
  let at = steps.get(d.start)!;
  const turns: Turn[] = [];
  for (const a of given) {
    if (at.kind === 'choice') {
      const o = at.options.find((x) => x.id === a.option)!;
      turns.push({ step: at, answer: o.label[lang] });
      at = steps.get(o.next)!;
    } else if (at.kind === 'postcode') {
      turns.push({ step: at, answer: a.value || skipped });
      at = steps.get(at.next)!;
    } else if (at.kind === 'emergency' && at.next) {
      turns.push({ step: at, answer: at.continueLabel?.[lang] ?? '→' });
      at = steps.get(at.next)!;
    }
  }
  return { turns, at };
}

/**
 * One conversation. With `preview`, an unpublished dialogue is walked as a family would (admin
 * preview): nothing is fetched or kept, and the results step only says where offers would appear.
 */
export default function Conversation({ preview }: { preview?: NavigatorDialogueView } = {}) {
  const params0 = useParams();
  const ags = preview?.ags ?? params0.ags ?? '';
  const [params] = useSearchParams();
  const postcode = /^\d{5}$/.test(params.get('plz') ?? '') ? params.get('plz')! : undefined;
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  const [view, setView] = useState<NavigatorDialogueView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [given, setGiven] = useState<NavigatorAnswer[]>([]);
  // "in your own words": what was understood, and accepted answers still to come (memory only)
  const [understood, setUnderstood] = useState<NavigatorInterpretation | null>(null);
  const [pending, setPending] = useState<NavigatorAnswer[]>([]);
  const [textDone, setTextDone] = useState(false);
  const moved = useRef(false);
  const questionRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setGiven([]);
    setUnderstood(null);
    setPending([]);
    if (preview) return setView(preview);
    setView(null);
    getDialogue(ags).then((v) => {
      setView(v);
      setGiven(loadAnswers(ags));
    }, setError);
  }, [ags, preview]);
  useEffect(() => {
    if (view && !preview) sessionStorage.setItem(storageKey(ags), JSON.stringify(given));
  }, [ags, view, given, preview]);

  // answers restored from an older version of the dialogue may no longer fit: start again then
  const state = useMemo(() => {
    if (!view) return null;
    try {
      return replay(view, given, lang, t('navigator.skipped'));
    } catch {
      return replay(view, [], lang, t('navigator.skipped'));
    }
  }, [view, given, lang, t]);

  // after every answer, step back or restart, the new question gets the focus (and is read out)
  useEffect(() => {
    if (moved.current) questionRef.current?.focus();
  }, [given]);
  const answer = (a: NavigatorAnswer) => {
    moved.current = true;
    const r = view ? applyPending(view.dialogue, [...given, a], pending) : { given: [...given, a], pending };
    setGiven(r.given);
    setPending(r.pending);
  };
  const accept = (u: NavigatorInterpretation) => {
    moved.current = true;
    const r = applyPending(view!.dialogue, given, u.concerns.map((c) => ({ step: c.step, option: c.optionId })));
    setGiven(r.given);
    setPending(r.pending);
    setUnderstood(null);
    setTextDone(true);
    // when the first question stays open (the text said nothing about it), it takes the focus
    if (r.given.length === given.length) requestAnimationFrame(() => questionRef.current?.focus());
  };
  const clearText = () => {
    setUnderstood(null);
    setPending([]);
  };

  if (error || !view || !state) {
    return (
      <PublicFrame home="/lotse" variant="lotse" title={t('navigator.title')}>
        {error ? (
          <>
            <h1>{error.status === 404 || error.status === 400 ? t('navigator.notFound') : errorText(t, error)}</h1>
            <p>
              <Link to="/lotse">{t('navigator.toChooser')}</Link>
            </p>
          </>
        ) : (
          <p role="status">{t('app.loading')}</p>
        )}
      </PublicFrame>
    );
  }

  const d = view.dialogue;
  const { turns, at } = state;
  const questionId = 'lotse-question';
  const district = view.districtName;
  const current = (
    <section aria-labelledby={questionId} className={`lotse-current lotse-step-${at.kind}`}>
      <h2 id={questionId} ref={questionRef} tabIndex={-1} className="lotse-bubble lotse-bot lotse-question">
        <span className="lotse-who">{t('navigator.botSays')}</span> {at.kind === 'emergency' ? t('navigator.emergencyHeading') : at.text[lang]}
      </h2>
      {at.hint && (at.kind === 'choice' || at.kind === 'results') && <p className="hint">{at.hint[lang]}</p>}

      {at.kind === 'choice' && (
        <ul className="lotse-options" aria-labelledby={questionId}>
          {at.options.map((o) => (
            <li key={o.id}>
              <button type="button" className={o.acuteDanger ? 'lotse-danger-option' : undefined} onClick={() => answer({ step: at.id, option: o.id })}>
                {o.label[lang]}
              </button>
            </li>
          ))}
        </ul>
      )}

      {at.kind === 'postcode' && (
        <PostcodeAnswer key={given.length} step={at} lang={lang} ags={ags} questionId={questionId} onAnswer={(v) => answer({ step: at.id, ...(v ? { value: v } : {}) })} />
      )}

      {at.kind === 'emergency' && (
        <div className="lotse-emergency" data-testid="emergency">
          <p className="lotse-emergency-text">{at.text[lang]}</p>
          <ContactList contacts={view.emergency[lang]} big />
          {at.hint && <p>{at.hint[lang]}</p>}
          {at.next && (
            <button type="button" className="primary" onClick={() => answer({ step: at.id })}>
              {at.continueLabel?.[lang] ?? t('navigator.continue')}
            </button>
          )}
        </div>
      )}

      {(at.kind === 'results' || (at.kind === 'emergency' && !at.next)) && preview && <p className="lotse-notice">{t('navigator.previewResults')}</p>}
      {(at.kind === 'results' || (at.kind === 'emergency' && !at.next)) && !preview && (
        <Results ags={ags} answers={given} lang={lang} postcode={postcode} showEmergency={at.kind === 'results'} />
      )}
    </section>
  );
  // in acute danger the numbers come first, above the fold on a phone; the conversation follows
  const emergencyFirst = at.kind === 'emergency';
  const dangerInText = !emergencyFirst && !!understood?.acuteDanger;
  const Frame = preview ? PreviewFrame : PublicFrame;
  return (
    <Frame home="/lotse" variant="lotse" title={d.title[lang]}>
      {!emergencyFirst && !dangerInText && <DangerStrip />}
      {dangerInText && <EmergencyNow view={view} lang={lang} />}
      <h1 className={emergencyFirst || dangerInText ? 'lotse-h1-small' : undefined}>{d.title[lang]}</h1>
      {emergencyFirst && current}
      {turns.length === 0 && (
        <>
          {view.source === 'general' && <p className="lotse-notice">{t('navigator.generalNotice', { district })}</p>}
          {!view.office && <p className="lotse-notice">{t('navigator.noOfficeNotice', { district })}</p>}
          <p className="lotse-lead">{d.intro[lang]}</p>
          <p className="lotse-privacy">{t('navigator.privacy')}</p>
          {!preview && !understood && !textDone && <FreeText ags={ags} lang={lang} onUnderstood={setUnderstood} />}
        </>
      )}
      {understood && (
        <Understanding
          view={view}
          lang={lang}
          understood={understood}
          onAccept={() => accept(understood)}
          onCorrect={() => {
            moved.current = true;
            clearText();
            setTextDone(true);
            requestAnimationFrame(() => questionRef.current?.focus());
          }}
        />
      )}
      <p className="lotse-place-line no-print">
        <Link to="/lotse">{t('navigator.changePlace')}</Link>
      </p>

      {turns.length > 0 && (
        <section aria-labelledby="lotse-log-heading" className="lotse-log-wrap">
          <h2 id="lotse-log-heading" className="sr-only">
            {t('navigator.log')}
          </h2>
          <ol className="lotse-log">
            {turns.map((turn, i) => (
              <li key={i}>
                <p className="lotse-bubble lotse-bot">
                  <span className="lotse-who">{t('navigator.botSays')}</span> {turn.step.text[lang]}
                </p>
                <p className="lotse-bubble lotse-you">
                  <span className="lotse-who">{t('navigator.youSaid')}</span> {turn.answer}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}

      {!emergencyFirst && !understood && current}

      <div className="lotse-controls no-print">
        <button
          type="button"
          disabled={given.length === 0}
          onClick={() => {
            moved.current = true;
            clearText();
            setGiven((g) => g.slice(0, -1));
          }}
        >
          {t('navigator.back')}
        </button>
        <button
          type="button"
          disabled={given.length === 0 && !textDone}
          onClick={() => {
            moved.current = true;
            clearText();
            setTextDone(false);
            setGiven([]);
          }}
        >
          {t('navigator.restart')}
        </button>
      </div>
      <p className="lotse-note">{t('navigator.note')}</p>
    </Frame>
  );
}
