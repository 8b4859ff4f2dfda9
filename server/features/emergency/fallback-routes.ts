import { FallbackContactsSchema, OfflinePackSchema } from '../../../shared/schemas/fallback-contacts';
import { OFFICE_ROLES as OFFICE } from '../../../shared/roles';
import { defineRoute } from '../../http/route';
import { offlinePack, replaceFallbackContacts, selectFallbackContacts } from './fallback';

export const fallbackRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/emergency/fallback-contacts',
    summary: "The office's fallback contacts: whom to call when no emergency unit is left",
    tags: ['emergency'],
    access: OFFICE,
    response: FallbackContactsSchema,
    handler: async ({ ctx, actor }) => ({ items: await selectFallbackContacts(ctx.sql, actor.orgId) }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/emergency/fallback-contacts',
    summary: "Replace the office's fallback contacts (office's own on-call numbers, Landesjugendamt)",
    tags: ['emergency'],
    access: ['office_admin'],
    body: FallbackContactsSchema,
    response: FallbackContactsSchema,
    handler: async ({ ctx, origin, actor, body }) => replaceFallbackContacts(ctx, origin, actor, body.items),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/emergency/offline-pack',
    summary: 'What the emergency page keeps for offline use: 24/7 units near the office with their numbers, and the fallback contacts',
    tags: ['emergency'],
    access: OFFICE,
    response: OfflinePackSchema,
    handler: async ({ ctx, actor }) => offlinePack(ctx, actor),
  }),
];
