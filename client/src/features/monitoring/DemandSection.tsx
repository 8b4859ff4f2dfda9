import { useCallback } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SUPPRESSED, type Breakdown, type Cell, type MonitoringDemand } from '../../../../shared/schemas/monitoring';
import { useDistrictNames } from './api';
import type { Draw } from './Chart';
import { drawHours, type ChartValue } from './charts';
import { COLOURS, Figure } from './Figure';
import type { Labels } from './labels';
import { largestSentence } from './summary';
import { useViewSelect } from './ViewSelect';

const total = (c: Cell) => (typeof c === 'number' ? c.toLocaleString('de-DE') : c);
const WHAT = ['suchen', 'anfragen', 'notfaelle'] as const;
const BY = ['hilfeart', 'alter', 'geschlecht', 'bedarf', 'kreis', 'uhrzeit'] as const;
type What = (typeof WHAT)[number];
type By = (typeof BY)[number];
const FIELD: Record<What, 'searches' | 'requests' | 'emergencyRequests'> = { suchen: 'searches', anfragen: 'requests', notfaelle: 'emergencyRequests' };
const DIM: Record<By, keyof Omit<Breakdown, 'total'>> = { hilfeart: 'byServiceType', alter: 'byAgeBand', geschlecht: 'byGender', bedarf: 'byNeed', kreis: 'byDistrict', uhrzeit: 'byHour' };
const COLOUR: Record<What, number> = { suchen: 0, anfragen: 2, notfaelle: 1 };

/** The hours 0–23 in order; an hour the answer does not list had no case, shown as "< 5" like any count under 5. */
function allHours(rows: { key: string; count: Cell }[]): Map<number, ChartValue> {
  const byHour = new Map(rows.map((r) => [Number(r.key), r.count]));
  return new Map(Array.from({ length: 24 }, (_, h) => [h, byHour.get(h) ?? SUPPRESSED]));
}

/** One breakdown: `what` (searches, requests, emergencies) by `by`, with its chart, sentence, table and CSV. */
function DemandFigure({ d, what, by, label, L }: { d: MonitoringDemand; what: What; by: By; label: (k: string) => string; L: Labels }) {
  const { t } = useTranslation();
  const source = d[FIELD[what]][DIM[by]];
  const hours = by === 'uhrzeit' ? allHours(source) : null;
  const rows = hours ? [...hours].map(([h, c]) => [L.hour(String(h)), c]) : source.map((r) => [label(r.key), r.count]);
  const summary = [
    largestSentence(t, rows),
    t(`monitoring.demandNote.${by}`, { defaultValue: '' }),
    what === 'notfaelle' && by === 'uhrzeit' ? t('monitoring.hourNote') : '',
    t('monitoring.suppressNote'),
  ]
    .filter(Boolean)
    .join(' ');
  const colour = COLOURS[COLOUR[what]];
  const drawHourChart = useCallback<Draw>(
    (P, width) => drawHours(P, width, hours!, { colour, axisLabel: t('monitoring.count'), hourAxis: t('monitoring.hourAxis'), hourLabel: (h) => L.hour(String(h)) }),
    // `hours` is derived from the answer and the choice: redraw when those change, not on every render
    [d, what, by, t],
  );
  return (
    <Figure
      id={`${what}-nach-${by}`}
      title={demandTitle(t, what, by)}
      summary={summary}
      columns={[t(`monitoring.demandBy.${by}`), t(`monitoring.what.${what}`)]}
      rows={source.length === 0 ? [] : rows}
      chart={hours ? drawHourChart : 'bars'}
      colour={COLOUR[what]}
    />
  );
}

const demandTitle = (t: TFunction, w: What, b: By) => t('monitoring.breakdownTitle', { what: t(`monitoring.what.${w}`), by: t(`monitoring.demandByTitle.${b}`) });

/**
 * Demand in the period: the totals, the searches by kind, and every breakdown the API returns
 * (searches, requests, emergency requests × type, age band, gender, need, district, hour), one at a
 * time through two selects kept in the URL (all of them in the printed report).
 */
export function DemandSection({ d, L }: { d: MonitoringDemand; L: Labels }) {
  const { t } = useTranslation();
  const [what, selectWhat, whats] = useViewSelect<What>('nachfrage', WHAT);
  const [by, selectBy, bys] = useViewSelect<By>('nach', BY);
  const districts = useDistrictNames(bys.includes('kreis'));
  const label: Record<By, (k: string) => string> = {
    hilfeart: L.serviceType,
    alter: L.ageBand,
    geschlecht: L.gender,
    bedarf: L.need,
    kreis: (k) => (k === 'unknown' ? t('monitoring.noDistrict') : (districts?.get(k) ?? k)),
    uhrzeit: L.hour,
  };
  const title = (w: What, b: By) => demandTitle(t, w, b);
  return (
    <section aria-labelledby="mon-demand">
      <h2 id="mon-demand">{t('monitoring.demand')}</h2>
      <p>{t('monitoring.demandSummary', { searches: total(d.searches.total), requests: total(d.requests.total), emergency: total(d.emergencyRequests.total) })}</p>
      <Figure id="suchen-nach-art" title={t('monitoring.searchesByKind')} summary={t('monitoring.kindNote')} columns={[t('monitoring.searchKind'), t('monitoring.count')]} rows={d.searchKinds.map((r) => [L.kind(r.key), r.count])} colour={3} />
      <div className="view-selects">
        {selectWhat({ id: 'mon-demand-what', label: t('monitoring.whatLabel'), names: Object.fromEntries(WHAT.map((w) => [w, t(`monitoring.what.${w}`)])) as Record<What, string>, titleOf: (w) => title(w, by) })}
        {selectBy({ id: 'mon-demand-by', label: t('monitoring.demandBreakDownBy'), names: Object.fromEntries(BY.map((b) => [b, t(`monitoring.demandBy.${b}`)])) as Record<By, string>, titleOf: (b) => title(what, b) })}
      </div>
      {whats.flatMap((w) => bys.map((b) => <DemandFigure key={`${w}-${b}`} d={d} what={w} by={b} label={label[b]} L={L} />))}
    </section>
  );
}
