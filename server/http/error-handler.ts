import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody, ErrorCode } from '../../shared/errors';
import { writeAudit } from '../audit';
import type { AppContext } from '../context';
import { RETRY_AFTER_SECONDS, fromDatabaseFault } from './db-faults';
import { AppError, fromPgError } from './errors';
import { CommitOutcomeUnknown, RequestAnswered } from '../request-scope';

interface HttpLayerError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  404: 'ROUTE_NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Errors of the HTTP layer (router, body-parser, serve-static: http-errors) that already carry a
 * 4xx status keep it: a bad percent-escape or a broken gzip body is the caller's fault, not a 500.
 * Their own message may quote the input, so the answer says only what kind of problem it was.
 */
function fromHttpLayer(err: HttpLayerError): AppError | undefined {
  const status = err.status ?? err.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
  const message =
    err instanceof URIError
      ? 'The request path contains a malformed percent-escape'
      : status === 400
        ? 'The request could not be read (malformed body or encoding)'
        : `The request was refused by the HTTP layer (${status})`;
  return new AppError(code, message, undefined, status);
}

function classify(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  // the deadline closed the request's scope: its transaction rolled back, nothing was changed
  if (err instanceof RequestAnswered) return new AppError('DATABASE_TIMEOUT', 'The request took too long; please try again');
  if (err instanceof CommitOutcomeUnknown) {
    return new AppError(
      'OUTCOME_UNKNOWN',
      'The connection to the database broke while the change was being saved: it may or may not have been saved. Check its state before repeating it; a retry with the same Idempotency-Key is carried out at most once.',
    );
  }
  const bp = err as HttpLayerError;
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
  return fromDatabaseFault(err) ?? fromPgError(err) ?? fromHttpLayer(bp);
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
    // a 404 for a logged-in caller is, as often as not, another tenant's object: audited like a 403
    const refusedObject = app.code === 'NOT_FOUND' && req.actor && req.actor.kind !== 'anonymous';
    if (app.code === 'FORBIDDEN' || app.code === 'CSRF_FAILED' || refusedObject) {
      await writeAudit(ctx.sql, req.actor ?? { kind: 'anonymous' }, { ip: req.ip, requestId }, {
        action: 'access.denied',
        outcome: 'denied',
        details: { method: req.method, path: req.path, code: app.code },
      }).catch((e) => ctx.log.error({ err: e }, 'audit write failed'));
    }
    if (res.headersSent) return;
    // a body left unread (refused before reading, e.g. a declared 100 MB) must not hold the socket
    if (!req.complete) res.set('Connection', 'close');
    if (app.code === 'RATE_LIMITED' && !res.get('retry-after')) res.set('Retry-After', String(app.details?.retryAfterSeconds ?? 900));
    if (app.code === 'DATABASE_UNAVAILABLE' || app.code === 'OUTCOME_UNKNOWN') ctx.health?.markDown();
    if (app.code === 'DATABASE_UNAVAILABLE') {
      // a connection that cannot be made while the database answers our probe: the pool is at fault
      if ((err as { code?: string }).code === 'CONNECT_TIMEOUT') void ctx.health?.probe().then((ok) => ok && ctx.renewPool?.('connect timeout while the database answers'));
    }
    if ((app.code === 'DATABASE_UNAVAILABLE' || app.code === 'DATABASE_TIMEOUT' || app.code === 'OUTCOME_UNKNOWN') && !res.get('retry-after')) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    const body: ErrorBody = { error: { code: app.code, message: app.message, requestId, ...(app.details ? { details: app.details } : {}) } };
    res.status(app.status).json(body);
  };
}
