import { z } from 'zod';
import { Email, RoleSchema, Uuid } from './common';

export const UserSchema = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    email: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    locale: z.enum(['de', 'en']),
    disabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const UserListSchema = z.object({ items: z.array(UserSchema) }).meta({ id: 'UserList' });

export const PasswordSchema = z
  .string()
  .min(12, 'must have at least 12 characters')
  .max(200, 'must have at most 200 characters');

export const CreateUserBodySchema = z
  .object({
    email: Email,
    displayName: z.string().trim().min(1, 'is required').max(120),
    role: RoleSchema,
    password: PasswordSchema,
    locale: z.enum(['de', 'en']).default('de'),
  })
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    locale: z.enum(['de', 'en']).optional(),
    password: PasswordSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'must change at least one field' })
  .meta({ id: 'UpdateUserBody' });
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;
