import express from 'express';
import { AdmittableBodySchema, AvailabilityBodySchema, PauseBodySchema, BulkAvailabilityBodySchema, BulkResultSchema, CsvJsonBodySchema, CsvQuerySchema, CsvResultSchema, VacancyParams } from '../../../shared/schemas/availability';
import { IdParams } from '../../../shared/schemas/common';
import { PlannedVacancyBodySchema, UnitSchema } from '../../../shared/schemas/places';
import { UNIT_KEEPER_ROLES } from '../../../shared/roles';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import { parsePart } from '../../http/validate';
import { changeAdmittable, pauseUnit, resumeUnit } from './pause';
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
    method: 'post',
    path: '/api/v1/availability/csv',
    summary:
      'Availability from a CSV file (text/csv body, or JSON {csv}); columns unit_id or external_ref, free_places, planned_from, planned_places. ' +
      '?dryRun=true (default) lists every row and every error by line and column; dryRun=false applies all rows or none',
    tags: ['availability'],
    access: KEEPERS,
    errors: [409, 415],
    query: CsvQuerySchema,
    response: CsvResultSchema,
    middleware: (ctx) => [express.text({ type: ['text/csv', 'text/plain'], limit: ctx.config.BODY_LIMIT })],
    handler: async ({ ctx, req, origin, actor, query }) => {
      let text: string;
      if (req.is(['text/csv', 'text/plain'])) text = typeof req.body === 'string' ? req.body : '';
      else if (req.is('application/json')) text = parsePart('body', CsvJsonBodySchema, req.body).csv;
      else throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv, or as JSON {"csv": "..."}');
      if (!text.trim()) throw new AppError('VALIDATION_FAILED', 'The file is empty', { issues: [{ path: 'body', message: 'is empty' }] });
      const unsafe = unsafeTextProblem(text);
      if (unsafe) throw new AppError('VALIDATION_FAILED', `The file ${unsafe}`, { issues: [{ path: 'body', message: unsafe }] });
      return uploadCsv(ctx, actor, origin, text, query.dryRun);
    },
  }),
];
