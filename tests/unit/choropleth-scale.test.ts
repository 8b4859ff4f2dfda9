import { describe, expect, it } from 'vitest';
import { classesFor, classOf, SCHEMES } from '../../client/src/features/monitoring/choropleth-scale';

describe('choropleth classes', () => {
  it('cuts 0 to the largest value into at most five round steps, lightest first', () => {
    expect(classesFor(9, SCHEMES.available).map((c) => [c.from, c.to])).toEqual([[0, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
    expect(classesFor(730, SCHEMES.unmet).map((c) => [c.from, c.to])).toEqual([[0, 200], [201, 400], [401, 600], [601, 800]]);
    expect(classesFor(0, SCHEMES.available)).toEqual([{ from: 0, to: 1, colour: SCHEMES.available[0] }]);
    expect(classesFor(3, SCHEMES.available).map((c) => c.to)).toEqual([1, 2, 3]);
  });
  it('puts each value in its class (the last class takes anything larger)', () => {
    const classes = classesFor(9, SCHEMES.available);
    expect(classOf(0, classes).colour).toBe(SCHEMES.available[0]);
    expect(classOf(3, classes).colour).toBe(SCHEMES.available[1]);
    expect(classOf(9, classes).colour).toBe(SCHEMES.available[4]);
    expect(classOf(99, classes).colour).toBe(SCHEMES.available[4]);
  });
});
