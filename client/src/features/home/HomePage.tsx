import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../lib/auth';

export default function HomePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (!me) return null;
  const role = me.user.role;
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: me.user.displayName })}</p>
      {me.organisation.kind === 'provider' && !me.organisation.verified && (
        <p className="banner warn" role="note">
          {t('home.unverified')}
        </p>
      )}
      <h2>{t('home.tasks')}</h2>
      <p>{t(`home.task.${role}`)}</p>
      {role === 'oncall' && (
        // at night on a phone: one tap from the start page to the emergency flow
        <Link className="button big primary-link" to="/notfall">
          {t('emergency.title')}
        </Link>
      )}
    </>
  );
}
