import express from 'express';
import { AdmittableBodySchema, AvailabilityBodySchema, PauseBodySchema, BulkAvailabilityBodySchema, BulkResultSchema, CsvJsonBodySchema, CsvQuerySchema, CsvResultSchema, VacancyParams } from '../../../shared/schemas/availability';
import { IdParams } from '../../../shared/schemas/common';
import { PlannedVacancyBodySchema, UnitSchema } from '../../../shared/schemas/places';
import { UNIT_KEEPER_ROLES } from '../../../shared/roles';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import { parsePart } from '../../http/validate';
import { changeAdmittable, pauseUnit, resumeUnit } from './pause';
import { downloadAvailabilityCsv } from './csv-download';
import { decodeCsv } from './csv-format';
import { boardAnswerTimes, confirmationHistory } from './history';
import { BoardAnswerTimesSchema, ConfirmationHistoryQuerySchema, ConfirmationHistorySchema } from '../../../shared/schemas/board';
import { PROVIDER_ROLES } from '../../../shared/roles';
import { addPlannedVacancy, bulkUpdate, changeFreePlaces, confirm, removePlannedVacancy, uploadCsv } from './service';
import { unsafeTextProblem } from '../../../shared/schemas/text';

/** Everyone who keeps availability current: provider users, an office's foster service, API tokens. */
const KEEPERS = [...UNIT_KEEPER_ROLES, 'api_token'] as const;

export const availabilityRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/units/:id/pause',
    summary: 'Aufnahmestopp: take no requests until a date (inclusive), for a reason; ends by itself',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409],
    params: IdParams,
    body: PauseBodySchema,
    response: UnitSchema,
    handler: async ({ ctx, origin, actor, params, body }) => pauseUnit(ctx, actor, origin, params.id, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/units/:id/pause',
    summary: 'End an Aufnahmestopp early: the unit takes requests again',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409],
    params: IdParams,
    response: UnitSchema,
    handler: async ({ ctx, origin, actor, params }) => resumeUnit(ctx, actor, origin, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/units/:id/admittable',
    summary: 'How many the unit can admit now (staff limits; null: as many as are free); also confirms the unit',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409],
    params: IdParams,
    body: AdmittableBodySchema,
    response: UnitSchema,
    handler: async ({ ctx, origin, actor, params, body }) => changeAdmittable(ctx, actor, origin, params.id, body.admittablePlaces),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/units/:id/confirmations',
    summary: "An own unit's freshness history: when its figures were confirmed, by whom or by which API token or reminder link",
    tags: ['availability'],
    access: KEEPERS,
    params: IdParams,
    query: ConfirmationHistoryQuerySchema,
    response: ConfirmationHistorySchema,
    handler: async ({ ctx, actor, params, query }) => confirmationHistory(ctx, actor, params.id, query.limit),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/availability/answer-times',
    summary: "The own provider's answer times over 90 days beside the median of all providers with enough requests",
    tags: ['availability'],
    access: PROVIDER_ROLES,
    response: BoardAnswerTimesSchema,
    handler: async ({ ctx, actor }) => boardAnswerTimes(ctx, actor),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/units/:id/confirm',
    summary: 'Confirm that the availability of an own unit is unchanged (one action; sets lastConfirmedAt)',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409],
    params: IdParams,
    response: UnitSchema,
    handler: async ({ ctx, origin, actor, params }) => confirm(ctx, actor, origin, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/units/:id/availability',
    summary: 'Set the free places ({freePlaces}) or move them ({delta: +1 / -1}); also confirms the unit',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409],
    params: IdParams,
    body: AvailabilityBodySchema,
    response: UnitSchema,
    handler: async ({ ctx, origin, actor, params, body }) => changeFreePlaces(ctx, actor, origin, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/units/:id/planned-vacancies',
    summary: 'Announce places that become free from a date',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409],
    params: IdParams,
    body: PlannedVacancyBodySchema,
    response: UnitSchema,
    status: 201,
    handler: async ({ ctx, origin, actor, params, body }) => addPlannedVacancy(ctx, actor, origin, params.id, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/units/:id/planned-vacancies/:vacancyId',
    summary: 'Withdraw a planned vacancy',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409],
    params: VacancyParams,
    response: UnitSchema,
    handler: async ({ ctx, origin, actor, params }) => removePlannedVacancy(ctx, actor, origin, params.id, params.vacancyId),
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/availability',
    summary: 'Bulk availability for providers with their own software (idempotent; all or nothing)',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409],
    body: BulkAvailabilityBodySchema,
    response: BulkResultSchema,
    handler: async ({ ctx, origin, actor, body }) => bulkUpdate(ctx, actor, origin, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/availability/csv',
    summary:
      'The own units with places as a spreadsheet to edit and upload again: semicolons, UTF-8 with BOM, German headings and dates ' +
      '(ID; Eigene Kennung; Einrichtung; Angebot; Plätze gesamt; Reserviert; Freie Plätze; Frei ab; Plätze ab dann; Zuletzt bestätigt)',
    tags: ['availability'],
    access: KEEPERS,
    produces: ['text/csv'],
    handler: async ({ ctx, res, actor }) => {
      const csv = await downloadAvailabilityCsv(ctx, actor);
      res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="freie-plaetze-${new Date().toISOString().slice(0, 10)}.csv"`);
      res.send(csv);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/availability/csv',
    summary:
      'Availability from a CSV file (text/csv body, or JSON {csv}); columns unit_id or external_ref, free_places, planned_from, planned_places ' +
      '(or the German headings of the download; names and other columns are ignored, ids decide). UTF-8 with or without BOM, Windows-1252 or UTF-16; ' +
      '`;`, `,` or tab; dates 2026-03-01 or 01.03.2026; several planned vacancies joined with " + ". ' +
      '?dryRun=true (default) lists every row and every error by line and column; dryRun=false applies all rows or none',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409, 415],
    query: CsvQuerySchema,
    response: CsvResultSchema,
    // the bytes as sent: the encoding is decided by decodeCsv, not by the body parser
    middleware: (ctx) => [express.raw({ type: ['text/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'], limit: ctx.config.BODY_LIMIT })],
    handler: async ({ ctx, req, origin, actor, query }) => {
      let text: string;
      let encoding: string | undefined;
      if (req.is(['text/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'])) {
        const decoded = decodeCsv(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), charsetOf(req.get('content-type')));
        text = decoded.text;
        encoding = decoded.encoding;
      } else if (req.is('application/json')) text = parsePart('body', CsvJsonBodySchema, req.body).csv;
      else throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv, or as JSON {"csv": "..."}');
      if (!text.replace(/^\uFEFF/, '').trim()) throw new AppError('VALIDATION_FAILED', 'The file is empty', { issues: [{ path: 'body', message: 'is empty' }] });
      const unsafe = unsafeTextProblem(text.replace(/^\uFEFF/, ''));
      if (unsafe) throw new AppError('VALIDATION_FAILED', `The file ${unsafe}`, { issues: [{ path: 'body', message: unsafe }] });
      return uploadCsv(ctx, actor, origin, text, query.dryRun, encoding);
    },
  }),
];

/** The charset a Content-Type names, e.g. `windows-1252` in `text/csv; charset=windows-1252`. */
const charsetOf = (type: string | undefined) => /charset=["']?([\w-]+)/i.exec(type ?? '')?.[1];
