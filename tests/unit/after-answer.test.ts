import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { afterAnswer, afterAnswerPending, settleAfterAnswer } from '../../server/after-answer';

function gate() {
  let open = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('writes after the answer', () => {
  it('start at once, do not hold the caller, and are waited for by settleAfterAnswer (a graceful stop)', async () => {
    const g = gate();
    const done: string[] = [];
    afterAnswer(pino({ level: 'silent' }), 'test write', async () => {
      await g.opened;
      done.push('written');
    });
    expect(afterAnswerPending()).toBe(1);
    let settled = false;
    const settling = settleAfterAnswer().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    g.open();
    await settling;
    expect(done).toEqual(['written']);
    expect(afterAnswerPending()).toBe(0);
  });

  it('a failing write is logged with what it was, never thrown, and no longer pending', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (l: string) => lines.push(l) });
    afterAnswer(log, 'recording a search for monitoring', async () => {
      throw new Error('database gone');
    });
    await settleAfterAnswer();
    expect(afterAnswerPending()).toBe(0);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'recording a search for monitoring failed', err: { message: 'database gone' } });
  });

  it('settleAfterAnswer also waits for writes started while it waits', async () => {
    const first = gate();
    const second = gate();
    const log = pino({ level: 'silent' });
    const done: string[] = [];
    afterAnswer(log, 'first', async () => {
      await first.opened;
      afterAnswer(log, 'second', async () => {
        await second.opened;
        done.push('second');
      });
      done.push('first');
    });
    const settling = settleAfterAnswer();
    first.open();
    await new Promise((r) => setImmediate(r));
    second.open();
    await settling;
    expect(done).toEqual(['first', 'second']);
  });
});
