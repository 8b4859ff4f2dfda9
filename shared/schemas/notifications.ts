import { z } from 'zod';
import { Phone } from './common';

/** Requests waiting for the caller: a provider's unanswered requests, an office worker's answers to act on. */
export const NotificationSummarySchema = z
  .object({
    waiting: z.number().int(),
    /** Of these, emergency requests. */
    emergencyWaiting: z.number().int(),
  })
  .meta({ id: 'NotificationSummary' });
export type NotificationSummary = z.infer<typeof NotificationSummarySchema>;

export const REGULAR_MAIL = ['absent', 'always', 'never'] as const;

/** The caller's own notification settings and call-back number. */
export const MySettingsSchema = z
  .object({
    directPhone: z.string().nullable(),
    /** E-mail about regular requests: when not online, always, never. Emergency requests are mailed always. */
    regularMail: z.enum(REGULAR_MAIL),
    /** Web Push is configured on the server (VAPID keys): the public key to subscribe with, else null. */
    pushPublicKey: z.string().nullable(),
  })
  .meta({ id: 'MySettings' });
export type MySettings = z.infer<typeof MySettingsSchema>;

export const MySettingsBodySchema = z
  .object({
    directPhone: Phone.nullable().optional(),
    regularMail: z.enum(REGULAR_MAIL).optional(),
  })
  .meta({ id: 'MySettingsBody' });
export type MySettingsBody = z.infer<typeof MySettingsBodySchema>;

const B64Url = z.string().regex(/^[A-Za-z0-9_=-]+$/, 'must be URL-safe base64');

/** What `PushSubscription.toJSON()` gives in the browser. */
export const PushSubscriptionBodySchema = z
  .object({
    endpoint: z.url({ protocol: /^https?$/ }).max(1000),
    keys: z.object({ p256dh: B64Url.min(20).max(200), auth: B64Url.min(8).max(100) }),
  })
  .meta({ id: 'PushSubscriptionBody' });
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBodySchema>;

export const PushUnsubscribeBodySchema = z.object({ endpoint: z.url().max(1000) }).meta({ id: 'PushUnsubscribeBody' });

/** What a push message carries: never child data (no age, gender, case reference, note). */
export interface PushPayload {
  title: string;
  body: string;
  /** Path in the app to open. */
  url: string;
  /** Same tag replaces the earlier message on the device. */
  tag: string;
  emergency: boolean;
}
