import { performance } from 'perf_hooks';
import { createPause, runInSlices, runToEnd, sortSteps } from './slices';

function* counting(n: number): Generator<void, number> {
  let total = 0;
  for (let i = 0; i < n; i++) {
    yield;
    total += i;
  }
  return total;
}

describe('slices', () => {
  it('runs a generator to its end at once or in slices, with the same answer', async () => {
    expect(runToEnd(counting(1000))).toBe(499500);
    await expect(runInSlices(counting(1000), 0)).resolves.toBe(499500);
  });

  it('gives the event loop a turn between slices', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    function* spin(): Generator<void, void> {
      // Each step waits until a timer has had a chance to run, which only a turn can give.
      for (let seen = turns; turns < seen + 3; ) yield;
    }
    await runInSlices(spin(), 0);
    clearInterval(timer);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('lets nothing else run while the budget lasts', async () => {
    const pause = createPause(60_000);
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    for (let i = 0; i < 100; i++) await pause();
    expect(ran).toBe(false);
  });

  it('makes workers sharing a pause wait for one turn, not one turn each', async () => {
    // A clock that moves only with the work: each step costs 4 ms, the budget is 10 ms.
    let clock = 0;
    const now = jest.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const pause = createPause(10);
      const passes: number[] = [];
      let running = true;
      const tick = () => {
        passes.push(clock);
        if (running) setImmediate(tick);
      };
      setImmediate(tick);
      const worker = async () => {
        for (let step = 0; step < 20; step++) {
          await pause();
          clock += 4;
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      running = false;
      const longest = Math.max(
        ...passes.slice(1).map((at, i) => at - passes[i]),
      );
      // One budget and at most a step per worker between two passes of the event loop, where a
      // turn each would let all eight budgets run back to back (more than 80 ms).
      expect(longest).toBeLessThanOrEqual(10 + 8 * 4);
    } finally {
      now.mockRestore();
    }
  });

  it.each([0, 1, 2, 255, 256, 257, 1000, 5000])(
    'sorts %i items exactly as Array.prototype.sort does, stably',
    n => {
      let seed = n + 1;
      const rnd = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      // Few distinct keys, so stability is tested: equal keys keep their order.
      const items = Array.from({ length: n }, (_, i) => ({
        key: `k${Math.floor(rnd() * 50)}`,
        i,
      }));
      const compare = (a: { key: string }, b: { key: string }) =>
        a.key.localeCompare(b.key);
      const expected = [...items].sort(compare);
      const list = [...items];
      expect(runToEnd(sortSteps(list, compare))).toBe(list);
      expect(list).toEqual(expected);
    },
  );
});
