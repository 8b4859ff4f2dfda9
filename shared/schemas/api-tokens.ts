import { z } from 'zod';
import { Uuid } from './common';

/** API tokens of a provider for its own software. The secret is shown once, at creation. */
export const ApiTokenSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    /** The first characters of the token, to recognise it (never enough to use it). */
    prefix: z.string(),
    createdAt: z.string(),
    createdByName: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) }).meta({ id: 'ApiTokenList' });

export const CreatedApiTokenSchema = ApiTokenSchema.extend({
  /** The secret: send as `Authorization: Bearer <token>`. Shown this once, stored only hashed. */
  token: z.string(),
}).meta({ id: 'CreatedApiToken' });
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;

export const CreateApiTokenBodySchema = z
  .object({ name: z.string().trim().min(1, 'is required').max(100) })
  .strict()
  .meta({ id: 'CreateApiTokenBody' });

/** Every token starts with this, so leaked tokens are easy to recognise (and to scan for). */
export const API_TOKEN_PREFIX = 'hpb_';
