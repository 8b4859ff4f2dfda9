import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '../../shared/errors';
import { writeAudit } from '../audit';
import type { AppContext } from '../context';
import { AppError, fromPgError } from './errors';

interface BodyParserError {
  type?: string;
  status?: number;
}

function classify(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const bp = err as BodyParserError;
  switch (bp?.type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_JSON', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding; send UTF-8 JSON');
    case 'request.aborted':
      return new AppError('VALIDATION_FAILED', 'The request was aborted');
  }
  return fromPgError(err);
}

/** The one place errors become responses: `{ error: { code, message, requestId, details } }`. */
export function errorHandler(ctx: AppContext) {
  return async (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const app = classify(err);
    const requestId = req.requestId;
    if (!app) {
      ctx.log.error({ err, requestId, path: req.path }, 'unexpected error');
      if (!res.headersSent) {
        const body: ErrorBody = { error: { code: 'INTERNAL', message: `Internal error. Quote request id ${requestId} when reporting it.`, requestId } };
        res.status(500).json(body);
      }
      return;
    }
    if (app.code === 'FORBIDDEN' || app.code === 'CSRF_FAILED') {
      await writeAudit(ctx.sql, req.actor ?? { kind: 'anonymous' }, { ip: req.ip, requestId }, {
        action: 'access.denied',
        outcome: 'denied',
        details: { method: req.method, path: req.path, code: app.code },
      }).catch((e) => ctx.log.error({ err: e }, 'audit write failed'));
    }
    if (res.headersSent) return;
    if (app.code === 'RATE_LIMITED' && !res.get('retry-after')) res.set('Retry-After', '900');
    const body: ErrorBody = { error: { code: app.code, message: app.message, requestId, ...(app.details ? { details: app.details } : {}) } };
    res.status(app.status).json(body);
  };
}
