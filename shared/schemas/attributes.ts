import { z } from 'zod';

/** The matching attributes of a unit as every answer shows them (provider views and search results). */
export const MatchingAttributesShape = {
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  genders: z.array(z.string()),
  specialisations: z.array(z.string()),
  exclusions: z.array(z.string()),
  languages: z.array(z.string()),
  secureSetting: z.boolean(),
  siblingsMax: z.number().int(),
  stepFree: z.boolean(),
  emergencyIntake: z.boolean(),
  maxAnswerHours: z.number().int().nullable(),
  staffingRatio: z.string().nullable(),
  therapyInHouse: z.boolean(),
  schoolingOnSite: z.boolean(),
  dailyRate: z.number().nullable(),
};
