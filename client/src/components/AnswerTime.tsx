import { useTranslation } from 'react-i18next';
import type { AnswerTimes } from '../../../shared/schemas/requests';

/** "antwortet meist innerhalb von 40 Min." or "noch zu wenige Anfragen": a provider's answer times (90 days). */
export function AnswerTime({ times }: { times?: AnswerTimes }) {
  const { t } = useTranslation();
  if (!times) return null;
  if (!times.enough || times.medianMinutes === null) return <span className="answer-time">{t('answerTime.tooFew')}</span>;
  const m = times.medianMinutes;
  const within = m < 90 ? t('answerTime.minutes', { count: m }) : m < 48 * 60 ? t('answerTime.hours', { count: Math.round(m / 60) }) : t('answerTime.days', { count: Math.round(m / 1440) });
  const shares = [
    times.emergencyWithin30 !== null && t('answerTime.emergency', { percent: Math.round(times.emergencyWithin30 * 100) }),
    times.regularWithin24h !== null && t('answerTime.regular', { percent: Math.round(times.regularWithin24h * 100) }),
  ].filter(Boolean);
  return (
    <span className="answer-time">
      {t('answerTime.usually', { within })}
      {shares.length > 0 && ` (${shares.join(', ')})`}
    </span>
  );
}
