import { useTranslation } from 'react-i18next';
import type { ResolvedContact } from '../../../../shared/schemas/navigator';

const tel = (p: string) => `tel:${p.replace(/[^+\d]/g, '')}`;

/** Contacts with a tap-to-call number and the one line why each is suggested. */
export function ContactList({ contacts, big }: { contacts: ResolvedContact[]; big?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className={`lotse-contacts${big ? ' big' : ''}`}>
      {contacts.map((c) => (
        <li key={c.id}>
          <p className="lotse-contact-name">{c.name}</p>
          <p>
            <a className="lotse-call" href={tel(c.phone)} aria-label={t('navigator.call', { name: c.name, phone: c.phone })}>
              {c.phone}
            </a>
          </p>
          {c.hours && <p className="hint">{c.hours}</p>}
          <p className="lotse-reason">{c.reason}</p>
          {c.url && (
            <p>
              <a href={c.url} rel="noopener noreferrer">
                {c.url}
              </a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
