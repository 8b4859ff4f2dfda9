import { LoginBodySchema, MeSchema } from '../../../shared/schemas/auth';
import { OkSchema } from '../../../shared/schemas/common';
import { requireUser } from '../../http/actor';
import { actorFromSessionCookie } from '../../http/authenticate';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import { getMe, login, logout } from './service';
import { SESSION_COOKIE } from './sessions';

function cookieOptions(secure: boolean, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Log in with e-mail and password; sets the session cookie',
    tags: ['auth'],
    access: 'public',
    errors: [401, 423, 429],
    csrfExempt: true,
    body: LoginBodySchema,
    response: MeSchema,
    handler: async ({ ctx, req, res, body }) => {
      const { cookie } = await login(ctx, {
        ...body,
        ip: req.ip,
        userAgent: req.get('user-agent'),
        requestId: req.requestId,
        previousCookie: req.cookies?.[SESSION_COOKIE],
      });
      res.cookie(SESSION_COOKIE, cookie, cookieOptions(ctx.config.secure, ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000));
      // the new session is what the answer describes
      const { actor } = await actorFromSessionCookie(ctx, cookie);
      return getMe(ctx, requireUser(actor));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'End the current session',
    tags: ['auth'],
    access: 'authenticated',
    response: OkSchema,
    handler: async ({ ctx, res, origin, actor }) => {
      await logout(ctx, actor, origin);
      res.clearCookie(SESSION_COOKIE, cookieOptions(ctx.config.secure));
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/auth/me',
    summary: 'The logged-in user, organisation and CSRF token',
    tags: ['auth'],
    access: 'authenticated',
    response: MeSchema,
    handler: async ({ ctx, actor }) => getMe(ctx, actor),
  }),
];
