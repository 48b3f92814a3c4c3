import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo.ts';

describe('boundedMemo', () => {
  it('shares one lookup between callers, forgets a failed one, and drops the oldest past the bound', async () => {
    const calls: number[] = [];
    let failNext = false;
    const memo = boundedMemo(
      async (n: number) => {
        calls.push(n);
        if (failNext) {
          failNext = false;
          throw new Error('down');
        }
        return n * 10;
      },
      (n) => n,
      2,
    );
    expect(await Promise.all([memo(1), memo(1)])).toEqual([10, 10]);
    expect(calls).toEqual([1]);

    failNext = true;
    await expect(memo(2)).rejects.toThrow('down');
    expect(await memo(2)).toBe(20);
    expect(calls).toEqual([1, 2, 2]);

    await memo(3); // 1 is the oldest of three: dropped
    await memo(2);
    await memo(1);
    expect(calls).toEqual([1, 2, 2, 3, 1]);
  });
});
