import { z } from 'zod';

/**
 * What a socket client may send, checked by the server like an HTTP body: a wrong payload is
 * answered with VALIDATION_FAILED naming the field (`payload.seq`), in the one error shape.
 */
const Seq = z.number({ error: 'must be a non-negative integer' }).int({ error: 'must be a non-negative integer' }).min(0, { error: 'must be a non-negative integer' });

/**
 * `seq`: replay after this number (a resuming client looks back a little before what it saw);
 * `seen`: the last number it delivered. Only events after `seen` being pruned make the replay incomplete.
 */
export const SyncSinceSchema = z.object({ seq: Seq, seen: Seq.optional() });
export const SearchJoinSchema = z.object({ searchId: z.uuid({ error: 'must be a UUID' }), since: Seq.optional() });
export const SearchLeaveSchema = z.object({ searchId: z.uuid({ error: 'must be a UUID' }) });

export type SyncSince = z.infer<typeof SyncSinceSchema>;
export type SearchJoin = z.infer<typeof SearchJoinSchema>;
export type SearchLeave = z.infer<typeof SearchLeaveSchema>;
