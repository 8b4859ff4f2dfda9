import { ChangePasswordBodySchema, PasswordResetCompleteBodySchema, PasswordResetRequestBodySchema } from '../../../shared/schemas/auth';
import { IdParams, OkSchema } from '../../../shared/schemas/common';
import { requireUser } from '../../http/actor';
import { defineRoute } from '../../http/route';
import { adminPasswordReset, changeOwnPassword, completePasswordReset, requestPasswordReset } from './password';

const origin = (req: { ip?: string; requestId: string }) => ({ ip: req.ip, requestId: req.requestId });

export const passwordRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/password',
    summary: 'Change your own password; your other sessions end',
    tags: ['auth'],
    access: 'authenticated',
    body: ChangePasswordBodySchema,
    response: OkSchema,
    handler: async ({ ctx, req, actor, body }) => {
      await changeOwnPassword(ctx, requireUser(actor), origin(req), body.currentPassword, body.newPassword);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/password-reset',
    summary: `Forgot your password: sends a single-use link (valid 30 minutes) if the account exists; always answers 202 alike`,
    tags: ['auth'],
    access: 'public',
    body: PasswordResetRequestBodySchema,
    response: OkSchema,
    status: 202,
    handler: async ({ ctx, req, body }) => {
      await requestPasswordReset(ctx, origin(req), body.email);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/password-reset/complete',
    summary: 'Set a new password with the token from the reset mail; every session of the account ends',
    tags: ['auth'],
    access: 'public',
    body: PasswordResetCompleteBodySchema,
    response: OkSchema,
    handler: async ({ ctx, req, body }) => {
      await completePasswordReset(ctx, origin(req), body.token, body.password);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/users/:id/password-reset',
    summary: "An admin resets a user's password: the old one stops working, sessions end, the user gets a link by mail",
    tags: ['users'],
    access: ['office_admin', 'provider_admin', 'platform_admin'],
    params: IdParams,
    response: OkSchema,
    handler: async ({ ctx, req, actor, params }) => {
      await adminPasswordReset(ctx, requireUser(actor), origin(req), params.id);
      return { ok: true };
    },
  }),
];
