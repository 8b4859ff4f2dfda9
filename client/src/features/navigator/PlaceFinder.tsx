import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { NavigatorPlace } from '../../../../shared/schemas/navigator';
import { Form, TextField } from '../../components/form';
import { PublicFrame } from '../../components/PublicFrame';
import { ApiError } from '../../lib/api';
import { findPlaces, listDialogues, type DialogueSummary } from './api';
import { DangerStrip } from './DangerStrip';
import './navigator.css';

const guidePath = (ags: string, postcode: string | null) => `/lotse/${ags}${postcode ? `?plz=${postcode}` : ''}`;

/**
 * Where do you live? The postcode or town decides the district, and with it the dialogue and the
 * contacts: nobody is shown another district's numbers.
 */
export function PlaceFinder() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [choice, setChoice] = useState<{ postcode: string | null; items: NavigatorPlace[] } | null>(null);
  const [guides, setGuides] = useState<DialogueSummary[]>([]);
  const choiceRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    listDialogues().then((r) => setGuides(r.items), () => setGuides([]));
  }, []);
  useEffect(() => {
    if (choice) choiceRef.current?.focus();
  }, [choice]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // the button stays focusable while busy (aria-disabled): a second press does nothing
    if (busy) return;
    const v = q.trim();
    setChoice(null);
    if (v.length < 2) {
      setError(t('navigator.placeRequired'));
      document.getElementById('lotse-place')?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const r = await findPlaces(v);
      if (r.items.length === 0) {
        setError(/^\d+$/.test(v) ? t('navigator.postcodeUnknownPlace') : t('navigator.townUnknown'));
        document.getElementById('lotse-place')?.focus();
      } else if (r.items.length === 1) navigate(guidePath(r.items[0].ags, r.postcode));
      else setChoice(r);
    } catch (err) {
      setError(err instanceof ApiError && err.code !== 'NETWORK' ? t('navigator.placeInvalid') : t('errors.network'));
      document.getElementById('lotse-place')?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicFrame home="/lotse" variant="lotse" title={t('navigator.title')}>
      <DangerStrip />
      <h1>{t('navigator.title')}</h1>
      <p className="lotse-lead">{t('navigator.chooserIntro')}</p>
      <Form onSubmit={submit} error={null} className="lotse-answer lotse-place">
        <TextField
          id="lotse-place"
          label={t('navigator.placeLabel')}
          hint={t('navigator.placeHint')}
          autoComplete="postal-code"
          maxLength={60}
          value={q}
          onChange={setQ}
          error={error ?? undefined}
        />
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {t('navigator.continue')}
        </button>
      </Form>
      {choice && (
        <section aria-labelledby="lotse-choice-heading">
          <h2 id="lotse-choice-heading" ref={choiceRef} tabIndex={-1}>
            {t('navigator.placeChoose')}
          </h2>
          <ul className="lotse-options">
            {choice.items.map((p) => (
              <li key={p.ags}>
                <button type="button" onClick={() => navigate(guidePath(p.ags, choice.postcode))}>
                  {p.name}
                  {p.towns.length > 0 && ` (${p.towns.slice(0, 3).join(', ')}${p.towns.length > 3 ? ' …' : ''})`}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="lotse-privacy">{t('navigator.privacy')}</p>
      {guides.length > 0 && (
        <section aria-labelledby="lotse-guides-heading">
          <h2 id="lotse-guides-heading">{t('navigator.ownGuides')}</h2>
          <ul className="lotse-places">
            {guides.map((d) => (
              <li key={d.ags}>
                <Link to={`/lotse/${d.ags}`}>{d.title[lang]}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </PublicFrame>
  );
}
