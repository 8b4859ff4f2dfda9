import { z } from 'zod';
import { OFFICE_ROLES } from '../../../shared/roles';
import {
  AnswerTimesSchema,
  DemandSchema,
  MonitoringQuerySchema,
  PlacementTimeSchema,
  ProviderMonitoringSchema,
  SupplySchema,
  UnmetSchema,
} from '../../../shared/schemas/monitoring';
import { defineRoute } from '../../http/route';
import { providerMonitoring } from './provider';
import { demand, unmet } from './demand';
import { answerTimes, placementTime, supply } from './service';

const tags = ['monitoring'];
/** Offices (their office, district, region) and the platform admin (everything, or one district). */
const READERS = [...OFFICE_ROLES, 'platform_admin'] as const;
const note = ' Cells counting fewer than 5 cases show "< 5"; figures from fewer than 5 cases are null. Definitions in the README (Monitoring).';

export const monitoringRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/monitoring/supply',
    summary: 'Supply now: available = free − held by type, age band, gender, district; planned vacancies (30 days); freshness (72 h); hourly trend.' + note,
    tags,
    access: READERS,
    query: MonitoringQuerySchema,
    response: SupplySchema,
    handler: async ({ ctx, actor, origin, query }) => supply(ctx, actor, origin, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/monitoring/demand',
    summary: 'Demand in the period: searches, requests (one per child) and emergency requests by type, age band, gender, need, district, hour.' + note,
    tags,
    access: READERS,
    query: MonitoringQuerySchema,
    response: DemandSchema,
    handler: async ({ ctx, actor, origin, query }) => demand(ctx, actor, origin, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/monitoring/unmet',
    summary: 'Unmet demand: searches that found nothing (by criteria, binding constraint), children whose requests ended without placement, escalations.' + note,
    tags,
    access: READERS,
    query: MonitoringQuerySchema,
    response: UnmetSchema,
    handler: async ({ ctx, actor, origin, query }) => unmet(ctx, actor, origin, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/monitoring/placement-time',
    summary: 'Time to placement in minutes (median, 90th percentile): first request of a case to the confirmed placement.' + note,
    tags,
    access: READERS,
    query: MonitoringQuerySchema,
    response: PlacementTimeSchema,
    handler: async ({ ctx, actor, origin, query }) => placementTime(ctx, actor, origin, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/monitoring/answer-times',
    summary: 'Answer times: share answered within 30 min (emergency) / 24 h (regular), median minutes, per provider and region.' + note,
    tags,
    access: READERS,
    query: MonitoringQuerySchema,
    response: AnswerTimesSchema,
    handler: async ({ ctx, actor, origin, query }) => answerTimes(ctx, actor, origin, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/monitoring/provider',
    summary: "A provider's own figures: appearances, requests, acceptances; empty searches around its units; freshness and answer times beside the regional median." + note,
    tags,
    access: ['provider_admin'],
    query: z.object({ days: MonitoringQuerySchema.shape.days }),
    response: ProviderMonitoringSchema,
    handler: async ({ ctx, actor, origin, query }) => providerMonitoring(ctx, actor, origin, query.days),
  }),
];
