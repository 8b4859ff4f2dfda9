import { z } from 'zod';
import { StatisticsSchema } from '../../../shared/schemas/statistics';
import { defineRoute } from '../../http/route';
import { statistics } from './service';

export const statisticsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/statistics',
    summary: "Figures on requests and places: the office's own (office admin) or region-wide (platform admin); no child data",
    tags: ['statistics'],
    access: ['office_admin', 'platform_admin'],
    query: z.object({ days: z.coerce.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365').default(30) }),
    response: StatisticsSchema,
    handler: async ({ ctx, actor, query }) => statistics(ctx, actor, query.days),
  }),
];
