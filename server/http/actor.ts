import type { OrgKind, Role } from '../../shared/schemas/common';
import { AppError } from './errors';

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      orgId: string;
      orgKind: OrgKind;
      role: Role;
      sessionId: string;
      csrfToken: string;
      orgVerified: boolean;
    }
  | { kind: 'token'; tokenId: string; orgId: string; orgKind: 'provider'; role: 'api_token'; orgVerified: boolean };

export type AuthedActor = Exclude<Actor, { kind: 'anonymous' }>;
export type UserActor = Extract<Actor, { kind: 'user' }>;
export type TokenActor = Extract<Actor, { kind: 'token' }>;

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Log in first');
  return actor;
}
