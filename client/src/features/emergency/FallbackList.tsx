import { tel } from './tel';

/** The numbers to call when no unit can be reached (office on call, police, ...), one button each. */
export function FallbackList({ contacts }: { contacts: { label: string; phone: string }[] }) {
  return (
    <ul className="fallback">
      {contacts.map((f, i) => (
        <li key={i}>
          <a className="button call" href={tel(f.phone)}>
            {f.label}: {f.phone}
          </a>
        </li>
      ))}
    </ul>
  );
}
