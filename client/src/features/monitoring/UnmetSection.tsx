import { useTranslation } from 'react-i18next';
import type { Cell, MonitoringUnmet } from '../../../../shared/schemas/monitoring';
import { Figure, type Value } from './Figure';
import type { Labels } from './labels';
import { largestSentence } from './summary';
import { useViewSelect } from './ViewSelect';

const total = (c: Cell) => (typeof c === 'number' ? c.toLocaleString('de-DE') : c);
const VIEWS = ['merkmale', 'ausschlag', 'kreis', 'hilfeart', 'absage'] as const;
type View = (typeof VIEWS)[number];

/**
 * Unmet demand: the totals, then one figure at a time (kept in the URL): empty searches by criteria,
 * by binding constraint, by the searching office's district (the map's text alternative), and the
 * children without placement by type of service and by the reasons of their declines.
 */
export function UnmetSection({ u, L }: { u: MonitoringUnmet; L: Labels }) {
  const { t } = useTranslation();
  const [, select, shown] = useViewSelect<View>('unerfuellt', VIEWS);
  const title = (v: View) => t(`monitoring.unmetViews.${v}`);
  const figures: Record<View, { columns: string[]; rows: Value[][]; summary: string; colour: number }> = {
    merkmale: {
      columns: [t('monitoring.criteria'), t('monitoring.count'), t('monitoring.binding'), t('monitoring.relaxed')],
      rows: u.emptySearches.byCriteria.map((r) => [
        [L.serviceType(r.serviceType), L.gender(r.gender), L.ageBand(r.ageBand), ...r.needs.map(L.need)].join(', '),
        r.count,
        L.constraint(r.bindingConstraint),
        r.relaxedFound,
      ]),
      summary: t('monitoring.suppressNote'),
      colour: 1,
    },
    ausschlag: {
      columns: [t('monitoring.binding'), t('monitoring.count'), t('monitoring.relaxed')],
      rows: u.emptySearches.byConstraint.map((r) => [L.constraint(r.key), r.count, r.relaxedFound]),
      summary: t('monitoring.constraintNote'),
      colour: 3,
    },
    kreis: {
      columns: [t('monitoring.officeDistrict'), t('monitoring.count')],
      rows: u.emptySearches.byDistrict.map((r) => [r.name, r.count]),
      summary: t('monitoring.unmetDistrictNote'),
      colour: 1,
    },
    hilfeart: {
      columns: [t('monitoring.serviceType'), t('monitoring.children')],
      rows: u.requestsWithoutPlacement.byServiceType.map((r) => [L.serviceType(r.key), r.count]),
      summary: t('monitoring.unplacedTypeNote'),
      colour: 2,
    },
    absage: {
      columns: [t('monitoring.declineReason'), t('monitoring.declines')],
      rows: u.requestsWithoutPlacement.byDeclineReason.map((r) => [L.reason(r.key), r.count]),
      summary: t('monitoring.unplacedReasonNote'),
      colour: 3,
    },
  };
  return (
    <section aria-labelledby="mon-unmet">
      <h2 id="mon-unmet">{t('monitoring.unmet')}</h2>
      <p>{t('monitoring.unmetSummary', { searches: total(u.emptySearches.total), children: total(u.requestsWithoutPlacement.total), escalated: total(u.escalatedEmergencies) })}</p>
      {select({ id: 'mon-unmet-view', label: t('monitoring.show'), names: Object.fromEntries(VIEWS.map((v) => [v, title(v)])) as Record<View, string>, titleOf: title })}
      {shown.map((view) => {
        const f = figures[view];
        const summary = f.rows.length === 0 ? f.summary : `${largestSentence(t, f.rows)} ${f.summary}`;
        return <Figure key={view} id={`unerfuellt-${view}`} title={title(view)} summary={summary} columns={f.columns} rows={f.rows} colour={f.colour} />;
      })}
    </section>
  );
}
