/*
 * How the measures screens write their figures. Every function takes the figure as the API gives
 * it and answers null for null, so the caller shows "No data" rather than a made-up 0.
 */

const trim = (text: string) =>
  text.includes('.') ? text.replace(/\.?0+$/, '') : text;

/** `1 deployment`, `3 deployments`. */
export function countOf(
  count: number,
  singular: string,
  plural = `${singular}s`,
): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : plural}`;
}

/** A number with at most `decimals` decimals, trailing zeros dropped: `4.2`, `30`. */
export function formatNumber(
  value: number | null,
  decimals = 1,
): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  return trim(value.toFixed(decimals));
}

/** A share as a percentage: 0.7024 → `70.2%`. */
export function formatPercent(
  ratio: number | null,
  decimals = 1,
): string | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  return `${trim((ratio * 100).toFixed(decimals))}%`;
}

/**
 * An availability ratio as a percentage with up to three decimals, rounded down so that 99.8996%
 * never reads as meeting a 99.9% target: 0.995 → `99.5%`, 0.999949 → `99.994%`.
 */
export function formatAvailabilityRatio(ratio: number | null): string | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  const thousandths = Math.floor(ratio * 100_000 + 1e-6) / 1000;
  return `${trim(thousandths.toFixed(3))}%`;
}

/** Minutes as a person says them: `45 min`, `2 h 5 min`, `3 d 4 h`. */
export function formatMinutes(minutes: number | null): string | null {
  if (minutes === null || !Number.isFinite(minutes)) return null;
  if (minutes < 1) return `${trim(minutes.toFixed(1))} min`;
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const rest = whole % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Days with one decimal under ten: `0.5 days`, `1 day`, `12 days`. */
export function formatDays(days: number | null): string | null {
  if (days === null || !Number.isFinite(days)) return null;
  const text = trim(days.toFixed(days < 10 ? 1 : 0));
  return `${text} ${text === '1' ? 'day' : 'days'}`;
}

/** `5 Oct`, the way the charts label a day or the week that starts on it. */
export function formatShortDay(iso: string | number): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}
