import { useTranslation } from 'react-i18next';
import type { MonitoringSupply } from '../../../../shared/schemas/monitoring';
import { COLOURS, Figure } from './Figure';

type Point = MonitoringSupply['trend'][number];
const DAY = 86_400_000;

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

/** The supply trend: a line of available places over the period, a sentence, and the table of its points. */
export function TrendFigure({ trend }: { trend: Point[] }) {
  const { t } = useTranslation();
  const { step, points } = thinOut(trend);
  const when = (at: string) =>
    new Date(at).toLocaleString('de-DE', step === 'hour' ? { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'numeric', year: '2-digit' });
  const values = points.map((p) => p.available);
  const max = Math.max(1, ...values);
  const min = Math.min(...values);
  const W = 600;
  const H = 140;
  const x = (i: number) => (points.length === 1 ? W / 2 : (i / (points.length - 1)) * (W - 8) + 4);
  const y = (v: number) => H - 6 - (v / max) * (H - 12);
  const low = points[values.indexOf(min)];
  const high = points[values.indexOf(Math.max(...values))];
  const summary =
    points.length === 0
      ? t('monitoring.trendNone')
      : t('monitoring.trendSummary', { first: values[0], from: when(points[0].at), last: values[values.length - 1], to: when(points[points.length - 1].at), max: high.available, maxAt: when(high.at), min, minAt: when(low.at) });
  const visual =
    points.length > 1 ? (
      <svg className="trend" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <line x1="0" y1={H - 6} x2={W} y2={H - 6} stroke="#767676" strokeWidth="1" />
        <polyline fill="none" stroke={COLOURS[0]} strokeWidth="2" vectorEffect="non-scaling-stroke" points={points.map((p, i) => `${x(i)},${y(p.available)}`).join(' ')} />
      </svg>
    ) : null;
  return (
    <Figure
      id="verlauf-verfuegbar"
      title={t('monitoring.trend')}
      summary={summary}
      columns={[t(`monitoring.trendStep.${step}`), t('monitoring.available'), t('monitoring.free'), t('monitoring.held')]}
      rows={points.map((p) => [when(p.at), p.available, p.free, p.held])}
      chart={false}
      visual={visual}
    />
  );
}
