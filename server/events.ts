import type { DomainEventMap, DomainEventType } from '../shared/events';
import type { Db } from './db';

export const rooms = {
  user: (id: string) => `user:${id}`,
  org: (id: string) => `org:${id}`,
  search: (id: string) => `search:${id}`,
  /** Everyone logged in (e.g. a place that any office may now find). */
  all: 'all',
};

/**
 * Records a domain event inside the caller's transaction. The row's NOTIFY is delivered only on
 * commit, so sockets hear of committed changes only, on every node, with the row's `seq`.
 */
export async function publishEvent<T extends DomainEventType>(
  db: Db,
  type: T,
  targetRooms: string[],
  payload: DomainEventMap[T],
): Promise<number> {
  const [row] = await db`
    insert into events (type, rooms, payload) values (${type}, ${targetRooms}, ${db.json(payload as never)})
    returning seq`;
  return row.seq as number;
}
