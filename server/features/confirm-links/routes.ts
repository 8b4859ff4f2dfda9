import { rateLimit } from 'express-rate-limit';
import { ConfirmLinkParams, ConfirmLinkResultSchema, ConfirmLinkViewSchema } from '../../../shared/schemas/confirm-links';
import type { AppContext } from '../../context';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import { confirmLink, viewLink } from './service';

/** Per client address: guessing links is pointless (signed), but each try costs a lookup. */
const limit = (ctx: AppContext) => [
  rateLimit({
    windowMs: 15 * 60_000,
    limit: ctx.config.CONFIRM_LINK_RATE_PER_IP,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 'Too many confirm links from this address. Try again in 15 minutes.')),
  }),
];

export const confirmLinkRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/confirm-links/:token',
    summary: 'What a reminder link would confirm (changes nothing)',
    tags: ['availability'],
    access: 'public',
    params: ConfirmLinkParams,
    response: ConfirmLinkViewSchema,
    errors: [429],
    middleware: limit,
    handler: async ({ ctx, params }) => viewLink(ctx, params.token),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/confirm-links/:token',
    summary: 'Confirm the unchanged figures of the link\'s units, without a login (once, within 72 hours)',
    tags: ['availability'],
    access: 'public',
    // the link is the credential; anonymous calls need no CSRF token, a logged-in browser sends its own
    params: ConfirmLinkParams,
    response: ConfirmLinkResultSchema,
    errors: [409, 429],
    middleware: limit,
    handler: async ({ ctx, origin, params }) => confirmLink(ctx, origin, params.token),
  }),
];
