import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringSupply } from '../../../../shared/schemas/monitoring';
import type { Draw } from './Chart';
import { drawLine } from './charts';
import { COLOURS, Figure } from './Figure';

type Point = MonitoringSupply['trend'][number];
const DAY = 86_400_000;
const de = (n: number) => n.toLocaleString('de-DE');

/** One point per hour (up to 2 days), per day (up to 92 days) or per week: the last snapshot of each. */
export function thinOut(points: Point[]): { step: 'hour' | 'day' | 'week'; points: Point[] } {
  if (points.length < 2) return { step: 'hour', points };
  const span = Date.parse(points[points.length - 1].at) - Date.parse(points[0].at);
  const step = span <= 2 * DAY ? 'hour' : span <= 92 * DAY ? 'day' : 'week';
  if (step === 'hour') return { step, points };
  const size = step === 'day' ? DAY : 7 * DAY;
  const end = Date.parse(points[points.length - 1].at);
  const last = new Map<number, Point>();
  for (const p of points) last.set(Math.floor((end - Date.parse(p.at)) / size), p);
  return { step, points: [...last.entries()].sort((a, b) => b[0] - a[0]).map(([, p]) => p) };
}

/** The supply trend: a line of available places over the period (Plot), a sentence, and the table of its points. */
export function TrendFigure({ trend }: { trend: Point[] }) {
  const { t } = useTranslation();
  const { step, points } = thinOut(trend);
  const when = (at: string) =>
    new Date(at).toLocaleString('de-DE', step === 'hour' ? { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'numeric', year: '2-digit' });
  const values = points.map((p) => p.available);
  const min = Math.min(...values);
  const low = points[values.indexOf(min)];
  const high = points[values.indexOf(Math.max(...values))];
  const summary =
    points.length === 0
      ? t('monitoring.trendNone')
      : t('monitoring.trendSummary', { first: de(values[0]), from: when(points[0].at), last: de(values[values.length - 1]), to: when(points[points.length - 1].at), max: de(high.available), maxAt: when(high.at), min: de(min), minAt: when(low.at) });
  const draw = useCallback<Draw>(
    (P, width) => drawLine(P, width, points.map((p) => ({ at: new Date(p.at), value: p.available, when: when(p.at) })), { colour: COLOURS[0], axisLabel: t('monitoring.available'), hourly: step === 'hour' }),
    // the points are derived from `trend`: redraw when it (or the language) changes, not on every render
    [trend, t],
  );
  return (
    <Figure
      id="verlauf-verfuegbar"
      title={t('monitoring.trend')}
      summary={summary}
      columns={[t(`monitoring.trendStep.${step}`), t('monitoring.available'), t('monitoring.free'), t('monitoring.held')]}
      rows={points.map((p) => [when(p.at), p.available, p.free, p.held])}
      chart={points.length > 1 ? draw : false}
    />
  );
}
