import { API_TOKEN_PREFIX, type ApiToken, type CreatedApiToken } from '../../../shared/schemas/api-tokens';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { conflict, forbidden, notFound } from '../../http/errors';
import { hashSecret, newToken } from '../auth/sessions';
import { insertToken, revokeTokenRow, selectToken, selectTokens } from './queries';

function requireProvider(actor: UserActor) {
  if (actor.orgKind !== 'provider') throw forbidden('API tokens belong to providers');
}

export async function listTokens(ctx: AppContext, actor: UserActor): Promise<ApiToken[]> {
  requireProvider(actor);
  return selectTokens(ctx.sql, actor.orgId);
}

/**
 * Creates a token for the provider's own software. The secret is returned this once; only its
 * keyed hash is stored (the same HMAC the Bearer authentication computes).
 */
export async function createToken(ctx: AppContext, actor: UserActor, origin: AuditOrigin, name: string): Promise<CreatedApiToken> {
  requireProvider(actor);
  const token = `${API_TOKEN_PREFIX}${newToken(32)}`;
  return ctx.sql.begin(async (tx) => {
    const id = await insertToken(tx, {
      orgId: actor.orgId,
      name,
      hash: hashSecret(ctx.config.SESSION_SECRET, token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      createdBy: actor.userId,
    });
    await writeAudit(tx, actor, origin, { action: 'api-token.create', objectType: 'api_token', objectId: id, details: { name } });
    return { ...(await selectToken(tx, actor.orgId, id))!, token };
  });
}

export async function revokeToken(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string): Promise<ApiToken> {
  requireProvider(actor);
  return ctx.sql.begin(async (tx) => {
    const existing = await selectToken(tx, actor.orgId, id);
    if (!existing) throw notFound('API token');
    if (existing.revokedAt || !(await revokeTokenRow(tx, actor.orgId, id))) throw conflict('This token is revoked already');
    await writeAudit(tx, actor, origin, { action: 'api-token.revoke', objectType: 'api_token', objectId: id });
    return (await selectToken(tx, actor.orgId, id))!;
  });
}
