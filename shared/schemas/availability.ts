import { z } from 'zod';
import { Uuid } from './common';
import { IsoDate, PlannedVacancyBodySchema } from './places';

/** Availability: one-action confirm, free count changes, planned vacancies, bulk API and CSV upload. */

const Free = z.number().int().min(0, 'must be 0 or more').max(500, 'must be 500 or less');

/** Set the free count (`freePlaces`) or move it (`delta`, e.g. +1 / -1); both confirm the unit. */
export const AvailabilityBodySchema = z
  .object({
    freePlaces: Free.optional(),
    delta: z.number().int().min(-500).max(500).refine((d) => d !== 0, 'must not be 0').optional(),
    /** With `freePlaces`: refuse (409) when the unit changed since this version. */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((b) => (b.freePlaces === undefined) !== (b.delta === undefined), { path: ['freePlaces'], message: 'give either freePlaces or delta' })
  .meta({ id: 'AvailabilityBody' });
export type AvailabilityBody = z.infer<typeof AvailabilityBodySchema>;

export const VacancyParams = z.object({ id: Uuid, vacancyId: Uuid });

/** One unit in a bulk update: identified by `unitId` or by the provider's own `externalRef`. */
export const BulkItemSchema = z
  .object({
    unitId: Uuid.optional(),
    externalRef: z.string().trim().min(1).max(64).optional(),
    freePlaces: Free,
    /** Given: replaces the unit's planned vacancies. Omitted: they stay as they are. */
    plannedVacancies: z.array(PlannedVacancyBodySchema).max(20).optional(),
  })
  .strict()
  .refine((b) => (b.unitId === undefined) !== (b.externalRef === undefined), { path: ['unitId'], message: 'give either unitId or externalRef' });
export type BulkItem = z.infer<typeof BulkItemSchema>;

export const BulkAvailabilityBodySchema = z
  .object({ units: z.array(BulkItemSchema).min(1, 'needs at least one unit').max(2000) })
  .strict()
  .meta({ id: 'BulkAvailabilityBody' });
export type BulkAvailabilityBody = z.infer<typeof BulkAvailabilityBodySchema>;

export const BulkResultSchema = z
  .object({
    items: z.array(
      z.object({
        unitId: Uuid,
        externalRef: z.string().nullable(),
        freePlaces: z.number().int(),
        /** false: the same state was sent again (confirmed, nothing announced) */
        changed: z.boolean(),
        lastConfirmedAt: z.string(),
      }),
    ),
    changed: z.number().int(),
    unchanged: z.number().int(),
  })
  .meta({ id: 'BulkAvailabilityResult' });
export type BulkResult = z.infer<typeof BulkResultSchema>;

// ---------------------------------------------------------------- CSV

/** Columns of the availability CSV (header row required; `;` or `,` separated). */
export const CSV_COLUMNS = ['unit_id', 'external_ref', 'free_places', 'planned_from', 'planned_places'] as const;

export const CsvQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').default(true),
});

export const CsvJsonBodySchema = z.object({ csv: z.string().min(1, 'is empty').max(1_000_000) }).strict();

/**
 * Columns the download adds for people and the upload ignores (names never decide: ids do). The
 * download writes German headings (`Einrichtung`, `Angebot`, ...); the upload reads those and these names.
 */
export const CSV_INFO_COLUMNS = ['facility', 'unit_name', 'capacity_total', 'held_places', 'last_confirmed'] as const;

/** What is wrong in a CSV row or cell, as a stable code: the client says it in German. */
export const CSV_ISSUE_CODES = [
  'not_csv',
  'empty',
  'no_rows',
  'unknown_column',
  'missing_column',
  'needs_id_column',
  'duplicate_column',
  'too_many_fields',
  'id_required',
  'not_uuid',
  'required',
  'not_whole_number',
  'too_small',
  'not_date',
  'in_past',
  'required_with',
  'planned_mismatch',
  'not_own_unit',
  'archived',
  'twice',
  'no_places',
  'above_capacity',
] as const;
export type CsvIssueCode = (typeof CSV_ISSUE_CODES)[number];

export const CsvRowErrorSchema = z
  .object({
    /** The file's line (the spreadsheet's row number; the heading is line 1). */
    line: z.number().int(),
    /** The column's name (`free_places`, ...), a heading as written for an unknown one, or `*` for the whole row. */
    column: z.string(),
    /** The column's position in the file, 1 = A; null when the column is missing or the whole row is meant. */
    columnIndex: z.number().int().nullable(),
    code: z.enum(CSV_ISSUE_CODES),
    /** Values for the sentence (the capacity, the expected columns, ...). */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    /** An English explanation for API users. */
    message: z.string(),
  })
  .meta({ id: 'CsvRowError' });
export type CsvRowError = z.infer<typeof CsvRowErrorSchema>;

export const CsvRowSchema = z
  .object({
    line: z.number().int(),
    unitId: Uuid,
    unitName: z.string(),
    externalRef: z.string().nullable(),
    freePlacesBefore: z.number().int().nullable(),
    freePlaces: z.number().int(),
    plannedFrom: IsoDate.nullable(),
    plannedPlaces: z.number().int().nullable(),
    changed: z.boolean(),
  })
  .meta({ id: 'CsvRow' });
export type CsvRow = z.infer<typeof CsvRowSchema>;

export const CsvResultSchema = z
  .object({
    dryRun: z.boolean(),
    /** true when every row is valid (a dry run may then be applied as it is) */
    valid: z.boolean(),
    applied: z.boolean(),
    rows: z.array(CsvRowSchema),
    errors: z.array(CsvRowErrorSchema),
    /** How the file was read: `utf-8`, `utf-8-bom`, `windows-1252` or `utf-16le` (what Excel writes in Germany). */
    encoding: z.string().optional(),
  })
  .meta({ id: 'CsvResult' });
export type CsvResult = z.infer<typeof CsvResultSchema>;

// ---------------------------------------------------------------- pause and admittable

export const PAUSE_REASONS = ['staff-shortage', 'group-crisis', 'renovation', 'other'] as const;

/** Aufnahmestopp: no requests until `until` (inclusive), for a reason; ends by itself. */
export const PauseBodySchema = z
  .object({
    reason: z.enum(PAUSE_REASONS),
    until: IsoDate,
    note: z.string().trim().max(300).nullable().optional(),
  })
  .strict()
  .meta({ id: 'PauseBody' });
export type PauseBody = z.infer<typeof PauseBodySchema>;

/** How many the unit can admit now (staff limits); null: as many as are free. */
export const AdmittableBodySchema = z
  .object({ admittablePlaces: z.number().int().min(0, 'must be 0 or more').max(500).nullable() })
  .strict()
  .meta({ id: 'AdmittableBody' });
