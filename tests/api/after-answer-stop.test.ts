import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { afterAnswer, afterAnswerPending } from '../../server/after-answer';
import { startTestServer } from '../helpers/context';

describe('a graceful stop and the writes after the answer', () => {
  it('waits for a write still under way before it closes the pool (a search record is not cut off)', async () => {
    const s = await startTestServer();
    let open = () => {};
    const opened = new Promise<void>((r) => (open = r));
    let wrote = false;
    // as a search's record: started beside an answer, its statement sent only later
    afterAnswer(pino({ level: 'silent' }), 'test write', async () => {
      await opened;
      await s.ctx.sql`select 1`;
      wrote = true;
    });
    const stopping = s.stop();
    // the health probe's own client is closed just before the pool: from then on only the pool is left
    while (await s.ctx.health!.probe()) await new Promise((r) => setImmediate(r));
    open();
    await stopping;
    expect(wrote).toBe(true);
    expect(afterAnswerPending()).toBe(0);
  });
});
