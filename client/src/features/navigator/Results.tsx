import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NavigatorAnswer, NavigatorResults } from '../../../../shared/schemas/navigator';
import { ApiError } from '../../lib/api';
import { getResults, sendList } from './api';
import { ContactList } from './ContactList';
import { Form, TextField } from '../../components/form';
import { errorText } from '../../lib/issues';

const tel = (p: string) => `tel:${p.replace(/[^+\d]/g, '')}`;

/** The end of the dialogue: emergency contacts first (on acute danger), offers with reasons, contacts, e-mail and print. */
export function Results({ ags, answers, lang, showEmergency, postcode }: { ags: string; answers: NavigatorAnswer[]; lang: 'de' | 'en'; showEmergency: boolean; postcode?: string }) {
  const { t } = useTranslation();
  const [r, setR] = useState<NavigatorResults | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [email, setEmail] = useState('');
  const [mailError, setMailError] = useState<string | null>(null);
  const [mailStatus, setMailStatus] = useState('');
  const [sending, setSending] = useState(false);

  useEffect(() => {
    setError(null);
    // an answer for the previous town or answers must never replace the current one (its emergency numbers differ)
    let current = true;
    getResults(ags, answers, lang, postcode).then(
      (res) => current && setR(res),
      (e: ApiError) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [ags, answers, lang, postcode]);

  async function send(e: FormEvent) {
    e.preventDefault();
    // the button stays focusable while busy (aria-disabled): a second press does nothing
    if (sending) return;
    setMailError(null);
    setMailStatus('');
    setSending(true);
    try {
      await sendList(ags, answers, lang, email.trim(), postcode);
      setEmail('');
      setMailStatus(t('navigator.mailQueued'));
    } catch (err) {
      if (err instanceof ApiError && err.fieldMessage('body.email')) setMailError(t('navigator.mailInvalid'));
      else if (err instanceof ApiError && err.code === 'RATE_LIMITED') setMailError(t('navigator.mailLimit'));
      else setMailError(t('navigator.mailFailed'));
    } finally {
      setSending(false);
    }
  }

  if (error) {
    return (
      <p role="alert" className="error">
        {errorText(t, error)}
      </p>
    );
  }
  if (!r) return <p role="status">{t('app.loading')}</p>;
  return (
    <div className="lotse-results" data-testid="results">
      {showEmergency && r.acuteDanger && r.emergency.length > 0 && (
        <section aria-labelledby="lotse-r-emergency" className="lotse-emergency">
          <h3 id="lotse-r-emergency">{t('navigator.emergencyHeading')}</h3>
          <ContactList contacts={r.emergency} big />
        </section>
      )}
      <section aria-labelledby="lotse-r-offers">
        <h3 id="lotse-r-offers">{t('navigator.offersHeading')}</h3>
        {r.offers.length === 0 ? (
          <p>{t('navigator.noOffers')}</p>
        ) : (
          <ol className="lotse-offers">
            {r.offers.map((o) => (
              <li key={o.id}>
                <p className="lotse-offer-name">
                  <Link to={`/verzeichnis/angebot/${o.id}`}>{o.name}</Link>
                </p>
                <p className="lotse-provider">{o.providerName}</p>
                <p className="lotse-reason">
                  <span className="lotse-why">{t('navigator.why')}</span> {o.reason}
                </p>
                {o.address && <p>{o.address}</p>}
                {o.phone && (
                  <p>
                    <a className="lotse-call" href={tel(o.phone)}>
                      {o.phone}
                    </a>
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {r.contacts.length > 0 && (
        <section aria-labelledby="lotse-r-contacts">
          <h3 id="lotse-r-contacts">{t('navigator.contactsHeading')}</h3>
          <ContactList contacts={r.contacts} />
        </section>
      )}
      <section aria-labelledby="lotse-r-keep" className="lotse-keep no-print">
        <h3 id="lotse-r-keep">{t('navigator.keepHeading')}</h3>
        <button type="button" onClick={() => window.print()}>
          {t('navigator.print')}
        </button>
        <Form onSubmit={send} error={null} className="lotse-mail">
          <TextField
            id="lotse-email"
            type="email"
            autoComplete="email"
            label={t('navigator.email')}
            hint={t('navigator.emailPrivacy')}
            value={email}
            onChange={setEmail}
            error={mailError ?? undefined}
          />
          <button type="submit" className="primary" aria-disabled={sending || undefined}>
            {t('navigator.send')}
          </button>
        </Form>
        <p role="status" className="status">
          {mailStatus}
        </p>
      </section>
    </div>
  );
}
