import { performance } from 'perf_hooks';

/**
 * Long refreshes (the catalog snapshot, assessments, rota records, the directory) run in slices,
 * so that an ordinary request is answered while they run: after `budgetMs` of synchronous work
 * the event loop gets a turn (`setImmediate`), which lets timers, sockets and other requests in.
 * Awaiting a query does not do this on its own: SQLite answers synchronously, so a loop of awaited
 * queries never leaves the microtask queue.
 */
export const SLICE_BUDGET_MS = 20;

const turn = () => new Promise<void>(resolve => setImmediate(resolve));

/**
 * Hands out turns of the event loop: `await pause()` in a loop yields at most once per budget.
 * Loops running side by side (a pool of workers sharing one pause) share the turn too: once the
 * budget is spent every caller waits for the same `setImmediate`, and the budget starts again
 * when it fires. Each caller waiting on a turn of its own would let them all run, one after the
 * other, in a single pass of the event loop: eight workers, eight budgets, one long stall.
 */
export function createPause(budgetMs = SLICE_BUDGET_MS): () => Promise<void> {
  let since = performance.now();
  let pending: Promise<void> | undefined;
  return () => {
    if (pending) return pending;
    if (performance.now() - since < budgetMs) return Promise.resolve();
    pending = new Promise<void>(resolve =>
      setImmediate(() => {
        pending = undefined;
        since = performance.now();
        resolve();
      }),
    );
    return pending;
  };
}

/**
 * Work written once as a generator that `yield`s between small steps can run either way: to the
 * end at once (`runToEnd`, for pure callers and tests) or in slices (`runInSlices`).
 */
export function runToEnd<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the generator, giving the event loop a turn whenever a slice's budget is spent. */
export async function runInSlices<T>(
  steps: Generator<unknown, T>,
  budgetMs = SLICE_BUDGET_MS,
): Promise<T> {
  let since = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - since >= budgetMs) {
      await turn();
      since = performance.now();
    }
  }
}

/**
 * Sorts `list` in place, stably, as `list.sort(compare)` would, in steps: a bottom-up merge sort
 * that yields after each element placed, for lists whose one `sort` call would be a long stall
 * (100,000 refs by `localeCompare` take about 150 ms).
 */
export function* sortSteps<T>(
  list: T[],
  compare: (a: T, b: T) => number,
): Generator<void, T[]> {
  const RUN = 256;
  for (let start = 0; start < list.length; start += RUN) {
    yield;
    const run = list.slice(start, start + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) list[start + i] = run[i];
  }
  let source = list;
  let target = new Array<T>(list.length);
  for (let width = RUN; width < list.length; width *= 2) {
    for (let left = 0; left < list.length; left += 2 * width) {
      const middle = Math.min(left + width, list.length);
      const end = Math.min(left + 2 * width, list.length);
      let i = left;
      let j = middle;
      for (let k = left; k < end; k++) {
        yield;
        // Ties take the left run's element first, which keeps the sort stable.
        if (i < middle && (j >= end || compare(source[i], source[j]) <= 0)) {
          target[k] = source[i++];
        } else {
          target[k] = source[j++];
        }
      }
    }
    [source, target] = [target, source];
  }
  if (source !== list) {
    for (let i = 0; i < list.length; i++) list[i] = source[i];
  }
  return list;
}
