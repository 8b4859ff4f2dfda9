import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';

export default function HomePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (!me) return null;
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
      <p>{t(`home.task.${me.user.role}`)}</p>
    </>
  );
}
