import { ApiTokenListSchema, ApiTokenSchema, CreateApiTokenBodySchema, CreatedApiTokenSchema } from '../../../shared/schemas/api-tokens';
import { IdParams } from '../../../shared/schemas/common';
import { defineRoute } from '../../http/route';
import { createToken, listTokens, revokeToken } from './service';


export const apiTokenRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/api-tokens',
    summary: "The provider's API tokens (never the secrets), with their last use",
    tags: ['api-tokens'],
    access: ['provider_admin'],
    response: ApiTokenListSchema,
    handler: async ({ ctx, actor }) => ({ items: await listTokens(ctx, actor) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/api-tokens',
    summary: 'Create an API token for the provider\'s own software; the secret is in this answer only',
    tags: ['api-tokens'],
    access: ['provider_admin'],
    body: CreateApiTokenBodySchema,
    response: CreatedApiTokenSchema,
    status: 201,
    handler: async ({ ctx, res, origin, actor, body }) => {
      res.set('Cache-Control', 'no-store');
      return createToken(ctx, actor, origin, body.name);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/api-tokens/:id/revoke',
    summary: 'Revoke an API token: it stops working at once',
    tags: ['api-tokens'],
    access: ['provider_admin'],
    errors: [409],
    params: IdParams,
    response: ApiTokenSchema,
    handler: async ({ ctx, origin, actor, params }) => revokeToken(ctx, actor, origin, params.id),
  }),
];
