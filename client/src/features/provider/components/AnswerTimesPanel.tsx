import { useTranslation } from 'react-i18next';
import { AnswerTime } from '../../../components/AnswerTime';
import { useApiData } from '../../../lib/use-api';
import { providerApi } from '../api';

/** The provider's own answer times (90 days) beside the median of all providers with enough requests. */
export function AnswerTimesPanel() {
  const { t } = useTranslation();
  const { data } = useApiData(providerApi.answerTimes, []);
  if (!data) return null;
  const r = data.region;
  return (
    <section className="answer-panel" aria-labelledby="answer-panel-heading">
      <h2 id="answer-panel-heading">{t('provider.board.answers.title', { days: data.days })}</h2>
      <p>
        <strong>{t('provider.board.answers.own')}</strong> <AnswerTime times={data.own} />
        {data.own.requests !== null && ` · ${t('provider.board.answers.requests', { count: data.own.requests })}`}
      </p>
      <p>
        <strong>{t('provider.board.answers.region')}</strong>{' '}
        {r.medianMinutes === null ? t('provider.board.answers.regionTooFew') : t('provider.board.answers.regionMedian', { minutes: r.medianMinutes, count: r.providers })}
      </p>
    </section>
  );
}
