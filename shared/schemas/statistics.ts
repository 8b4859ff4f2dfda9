import { z } from 'zod';

export const StatisticsSchema = z
  .object({
    scope: z.enum(['office', 'region']),
    days: z.number().int(),
    requests: z.object({
      running: z.number().int(),
      confirmed: z.number().int(),
      declined: z.number().int(),
      withdrawn: z.number().int(),
      expired: z.number().int(),
      released: z.number().int(),
      emergency: z.number().int(),
      escalated: z.number().int(),
      /** Median hours from request to confirmed placement. */
      medianHoursToPlacement: z.number().nullable(),
    }),
    places: z.object({ unitsWithFree: z.number().int(), freePlaces: z.number().int(), heldPlaces: z.number().int(), unconfirmedUnits: z.number().int() }),
    /** Anonymous counts kept after retention deleted the requests themselves. */
    history: z.array(z.object({ month: z.string(), outcome: z.string(), count: z.number().int(), medianMinutes: z.number().nullable() })),
  })
  .meta({ id: 'Statistics' });
export type Statistics = z.infer<typeof StatisticsSchema>;
