import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AfterAnswerBatch, afterAnswer, afterAnswerPending, settleAfterAnswer } from '../../server/after-answer';

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

describe('writes after the answer while the database is not there', () => {
  const unavailable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  it('are tried again until the database is back, and nothing is lost', async () => {
    const log = pino({ level: 'silent' });
    let tries = 0;
    const written: number[] = [];
    afterAnswer(
      log,
      'recording a search for monitoring',
      async () => {
        tries++;
        if (tries < 3) throw unavailable();
        written.push(tries);
      },
      [5, 5, 5],
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(written).toEqual([3]);
    expect(afterAnswerPending()).toBe(0);
  });

  it('a fault of the write itself (not the database being away) is not tried again', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (l: string) => lines.push(l) });
    let tries = 0;
    afterAnswer(
      log,
      'recording a search for monitoring',
      async () => {
        tries++;
        throw Object.assign(new Error('null value in column'), { code: '23502' });
      },
      [5, 5, 5],
    );
    await new Promise((r) => setTimeout(r, 60));
    expect(tries).toBe(1);
    expect(lines).toHaveLength(1);
  });

  it('give up after the last pause and log the loss once', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (l: string) => lines.push(l) });
    let tries = 0;
    afterAnswer(
      log,
      'recording a search for monitoring',
      async () => {
        tries++;
        throw unavailable();
      },
      [5, 5],
    );
    await new Promise((r) => setTimeout(r, 80));
    expect(tries).toBe(3);
    expect(afterAnswerPending()).toBe(0);
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['recording a search for monitoring failed']);
  });

  it('a graceful stop cuts the pauses short: one more try at once, then it settles', async () => {
    const log = pino({ level: 'silent' });
    let tries = 0;
    const written: string[] = [];
    afterAnswer(
      log,
      'recording a search for monitoring',
      async () => {
        tries++;
        if (tries === 1) throw unavailable();
        written.push('written');
      },
      [60_000],
    );
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await settleAfterAnswer();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(written).toEqual(['written']);
  });
});

describe('writes after the answer gathered into batches', () => {
  const unavailable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  it('items added within the window are written by one write, later ones by the next', async () => {
    const writes: number[][] = [];
    const batch = new AfterAnswerBatch<number>(pino({ level: 'silent' }), 'test records', async (items) => {
      writes.push([...items]);
    }, 60_000);
    batch.add(1);
    batch.add(2);
    batch.add(3);
    expect(afterAnswerPending()).toBe(1);
    await settleAfterAnswer();
    batch.add(4);
    await settleAfterAnswer();
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('a full batch is closed: the next item starts another', async () => {
    const writes: number[][] = [];
    const batch = new AfterAnswerBatch<number>(pino({ level: 'silent' }), 'test records', async (items) => {
      writes.push([...items]);
    }, 60_000, 2);
    for (const i of [1, 2, 3]) batch.add(i);
    expect(afterAnswerPending()).toBe(2);
    await settleAfterAnswer();
    expect(writes).toEqual([[1, 2], [3]]);
  });

  it('a graceful stop ends the window at once and writes the batch', async () => {
    const writes: number[][] = [];
    // a window longer than the test's timeout: only the stop's flush can finish this test
    const batch = new AfterAnswerBatch<number>(pino({ level: 'silent' }), 'test records', async (items) => {
      writes.push([...items]);
    }, 10 * 60_000);
    batch.add(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(writes).toEqual([]);
    await settleAfterAnswer();
    expect(writes).toEqual([[1]]);
  });

  it('while the database is not there the whole batch is tried again, and nothing is lost', async () => {
    let tries = 0;
    const written: number[][] = [];
    const batch = new AfterAnswerBatch<number>(pino({ level: 'silent' }), 'test records', async (items) => {
      tries++;
      if (tries < 3) throw unavailable();
      written.push([...items]);
    }, 5, 200, [5, 5, 5]);
    batch.add(1);
    batch.add(2);
    await new Promise((r) => setTimeout(r, 150));
    expect(written).toEqual([[1, 2]]);
    expect(afterAnswerPending()).toBe(0);
  });
});

describe('a batch the database refused for its data', () => {
  const unavailable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const refused = () => Object.assign(new Error('insert or update on table "unit_appearances" violates foreign key constraint'), { code: '23503' });

  it('is written item by item: only the faulty item is lost, logged once with its error', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    const written: number[][] = [];
    const batch = new AfterAnswerBatch<number>(log, 'test records', async (items) => {
      if (items.includes(2)) throw refused();
      written.push([...items]);
    }, 5, 200, [5, 5, 5]);
    batch.add(1);
    batch.add(2);
    batch.add(3);
    await settleAfterAnswer();
    expect(written).toEqual([[1], [3]]);
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'test records failed for one item', err: { code: '23503' } });
    expect(afterAnswerPending()).toBe(0);
  });

  it('an outage while writing item by item tries again only the items not yet written', async () => {
    const written: number[][] = [];
    let outages = 0;
    const batch = new AfterAnswerBatch<number>(pino({ level: 'silent' }), 'test records', async (items) => {
      if (items.length > 1) throw refused();
      if (items[0] === 3 && outages++ < 2) throw unavailable();
      if (items[0] === 2) throw refused();
      written.push([...items]);
    }, 5, 200, [5, 5, 5]);
    for (const i of [1, 2, 3, 4]) batch.add(i);
    await new Promise((r) => setTimeout(r, 200));
    expect(written).toEqual([[1], [3], [4]]);
    expect(afterAnswerPending()).toBe(0);
  });

  it('a single item refused is not tried again', async () => {
    let tries = 0;
    const batch = new AfterAnswerBatch<number>(pino({ level: 'silent' }), 'test records', async () => {
      tries++;
      throw refused();
    }, 5, 200, [5, 5, 5]);
    batch.add(1);
    await settleAfterAnswer();
    expect(tries).toBe(1);
  });
});
