import type { Response } from 'express';
import { AccessLogQuerySchema, AccessLogSchema, type AccessLogEntry } from '../../../shared/schemas/access-log';
import { writeAudit } from '../../audit';
import { requireUser } from '../../http/actor';
import { defineRoute } from '../../http/route';
import { selectOfficeAccessLog, selectRefusals } from './queries';

const COLUMNS: (keyof AccessLogEntry)[] = ['at', 'actorKind', 'actorName', 'actorOrgName', 'action', 'outcome', 'objectType', 'objectId', 'path'];

/** One CSV cell: quoted, and never read as a formula by a spreadsheet. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

function answer(res: Response, items: AccessLogEntry[], format: 'json' | 'csv', name: string) {
  if (format === 'json') return { items };
  const lines = [COLUMNS.join(';'), ...items.map((i) => COLUMNS.map((c) => cell(i[c])).join(';'))];
  res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`);
  res.send(`\ufeff${lines.join('\r\n')}\r\n`);
  return undefined;
}

const origin = (req: { ip?: string; requestId: string }) => ({ ip: req.ip, requestId: req.requestId });

export const accessLogRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/access-log',
    summary: "Who read or changed the own office's requests, when (GDPR Art. 15); format=csv to download",
    tags: ['audit'],
    access: ['office_admin'],
    query: AccessLogQuerySchema,
    produces: ['application/json', 'text/csv'],
    handler: async ({ ctx, req, res, actor, query }) => {
      const user = requireUser(actor);
      const items = await selectOfficeAccessLog(ctx.sql, user.orgId, query);
      await writeAudit(ctx.sql, user, origin(req), { action: 'audit.read', details: { filter: query, count: items.length } });
      const body = answer(res, items, query.format, 'zugriffsprotokoll');
      if (body) res.json(AccessLogSchema.parse(body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/access-log/refusals',
    summary: 'Refused attempts across the region (403, CSRF, other tenants\' objects); format=csv to download',
    tags: ['audit'],
    access: ['platform_admin'],
    query: AccessLogQuerySchema,
    produces: ['application/json', 'text/csv'],
    handler: async ({ ctx, req, res, actor, query }) => {
      const user = requireUser(actor);
      const items = await selectRefusals(ctx.sql, query);
      await writeAudit(ctx.sql, user, origin(req), { action: 'audit.read', details: { filter: query, count: items.length, refusals: true } });
      const body = answer(res, items, query.format, 'abweisungen');
      if (body) res.json(AccessLogSchema.parse(body));
    },
  }),
];
