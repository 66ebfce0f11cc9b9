/** One series of a Prometheus matrix answer: its labels and raw `[seconds, "value"]` samples. */
export interface RangeSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/**
 * How much a counter (the sum of the series of one selector) rose in each step of (from, to],
 * by the step's end in epoch seconds, from the raw samples: each rise between two samples goes
 * to the step holding the later one. As with Prometheus' `increase()`, a value lower than the
 * one before is a counter reset (the rise is the new value) and the first sample of a series is
 * only its baseline; unlike it, nothing is extrapolated to the steps' edges, so the figures are
 * the whole numbers of requests counted, and steps add up.
 *
 * Samples at or before `from` only set the baseline, so a query should reach back before it.
 */
export function risesByStep(
  series: RangeSeries[],
  from: number,
  to: number,
  step: number,
): Map<number, number> {
  const rises = new Map<number, number>();
  for (let end = from + step; end <= to; end += step) rises.set(end, 0);
  for (const one of series) {
    let last: number | undefined;
    for (const [time, raw] of one.values) {
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) continue;
      if (time > to) break;
      if (time > from && last !== undefined) {
        const end = from + Math.ceil((time - from) / step) * step;
        rises.set(
          end,
          rises.get(end)! + (value >= last ? value - last : value),
        );
      }
      last = value;
    }
  }
  return rises;
}
