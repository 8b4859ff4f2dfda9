import { z } from 'zod';
import { Email, OrgKindSchema, RoleSchema, Uuid } from './common';

export const LoginBodySchema = z
  .object({
    email: Email,
    password: z.string().min(1, 'is required').max(500),
  })
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const MeSchema = z
  .object({
    user: z.object({
      id: Uuid,
      email: z.string(),
      displayName: z.string(),
      role: RoleSchema,
      locale: z.enum(['de', 'en']),
    }),
    organisation: z.object({
      id: Uuid,
      kind: OrgKindSchema,
      name: z.string(),
      verified: z.boolean(),
    }),
    /** Send back as `X-CSRF-Token` on every state-changing request. */
    csrfToken: z.string(),
    sessionExpiresAt: z.string(),
    /** The idle timeout: every authenticated call moves the session's end this far ahead (at most to the absolute end). */
    sessionIdleMinutes: z.number().int().positive(),
    /** When the session ends at the latest, however active the user is. */
    sessionAbsoluteEndsAt: z.string(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

const NewPassword = z.string().min(12, 'must have at least 12 characters').max(200, 'must have at most 200 characters');

export const ChangePasswordBodySchema = z
  .object({ currentPassword: z.string().min(1, 'is required').max(500), newPassword: NewPassword })
  .strict()
  .meta({ id: 'ChangePasswordBody' });

export const PasswordResetRequestBodySchema = z.object({ email: Email }).strict().meta({ id: 'PasswordResetRequestBody' });

export const PasswordResetCompleteBodySchema = z
  .object({ token: z.string().min(20, 'is not a valid reset token').max(200), password: NewPassword })
  .strict()
  .meta({ id: 'PasswordResetCompleteBody' });
