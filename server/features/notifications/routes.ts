import { z } from 'zod';
import { MySettingsBodySchema, MySettingsSchema, NotificationSummarySchema, PushSubscriptionBodySchema, PushUnsubscribeBodySchema } from '../../../shared/schemas/notifications';
import { ROLES } from '../../../shared/schemas/common';
import { defineRoute } from '../../http/route';
import { changeSettings, getSettings, subscribe, summary, unsubscribe } from './service';

const Ok = z.object({ ok: z.literal(true) });

export const notificationRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/notifications/summary',
    summary: 'How many requests wait for the caller (badge, title, alerts)',
    tags: ['notifications'],
    access: ROLES,
    response: NotificationSummarySchema,
    handler: async ({ ctx, actor }) => summary(ctx, actor),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/me/settings',
    summary: "The caller's call-back number, e-mail choice for regular requests, and the Web Push key if push is configured",
    tags: ['notifications'],
    access: ROLES,
    response: MySettingsSchema,
    handler: async ({ ctx, actor }) => getSettings(ctx, actor),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/me/settings',
    summary: "Change the caller's call-back number or e-mail choice",
    tags: ['notifications'],
    access: ROLES,
    body: MySettingsBodySchema,
    response: MySettingsSchema,
    handler: async ({ ctx, origin, actor, body }) => changeSettings(ctx, origin, actor, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/me/push-subscriptions',
    summary: 'Subscribe this device to Web Push (only when the server has VAPID keys)',
    tags: ['notifications'],
    access: ROLES,
    body: PushSubscriptionBodySchema,
    response: Ok,
    status: 201,
    handler: async ({ ctx, actor, body }) => {
      await subscribe(ctx, actor, body);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/me/push-subscriptions',
    summary: 'Unsubscribe this device from Web Push',
    tags: ['notifications'],
    access: ROLES,
    body: PushUnsubscribeBodySchema,
    response: Ok,
    handler: async ({ ctx, actor, body }) => {
      await unsubscribe(ctx, actor, body.endpoint);
      return { ok: true as const };
    },
  }),
];
