import { useTranslation } from 'react-i18next';
import { findChildIdentity } from '../../../../shared/child-identity';

/**
 * Warns while typing when a free text looks like it identifies the child (the same detector the
 * server refuses with), so nobody has to wait for the refusal.
 */
export function IdentityWarning({ id, text, caseRef }: { id: string; text: string; caseRef?: boolean }) {
  const { t } = useTranslation();
  const found = text.trim() ? findChildIdentity(text, { caseRef }) : [];
  return (
    <p id={id} className="hint warning" role="status">
      {found.length > 0 &&
        t('requests.identity.warning', { what: found.map((f) => `${t(`requests.identity.kinds.${f.kind}`)} („${f.match}“)`).join(', ') })}
    </p>
  );
}
