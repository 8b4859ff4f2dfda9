import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import { CreateUserBodySchema, UpdateUserBodySchema, UserListSchema, UserSchema } from '../../../shared/schemas/users';
import { ADMIN_ROLES as ADMINS } from '../../../shared/roles';
import { defineRoute } from '../../http/route';
import { changeUser, createUser, getUser, listUsers } from './service';

const OrgQuery = z.object({ organisationId: z.uuid().optional() });

export const userRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/users',
    summary: "Users of the caller's organisation (platform admin: of any organisation)",
    tags: ['users'],
    access: ADMINS,
    query: OrgQuery,
    response: UserListSchema,
    handler: async ({ ctx, actor, query }) => ({ items: await listUsers(ctx, actor, query.organisationId) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/users',
    summary: 'Create a user in the own organisation (platform admin: in any organisation)',
    tags: ['users'],
    access: ADMINS,
    errors: [409],
    query: OrgQuery,
    body: CreateUserBodySchema,
    response: UserSchema,
    status: 201,
    handler: async ({ ctx, origin, actor, query, body }) =>
      createUser(ctx, actor, origin, query.organisationId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/users/:id',
    summary: 'One user of the own organisation',
    tags: ['users'],
    access: ADMINS,
    params: IdParams,
    response: UserSchema,
    handler: async ({ ctx, actor, params }) => getUser(ctx, actor, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/users/:id',
    summary: 'Change, disable or re-enable a user; disabling ends all their sessions and sockets',
    tags: ['users'],
    access: ADMINS,
    params: IdParams,
    body: UpdateUserBodySchema,
    response: UserSchema,
    handler: async ({ ctx, origin, actor, params, body }) =>
      changeUser(ctx, actor, origin, params.id, body),
  }),
];
