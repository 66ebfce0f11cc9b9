import type { AvailabilityBand } from './config';
import { PeakEventWindow } from './types';

const SECONDS_PER_WEEK = 7 * 24 * 60 * 60;

/**
 * Rule 1: the band for an exposure is the first, in ascending order, that
 * covers it; an exposure above every band takes the highest one and is flagged.
 * The bands must be ascending and not empty, as `readOperatingModelConfig` ensures.
 *
 * @public
 */
export function availabilityBandFor(
  exposure: number,
  bands: AvailabilityBand[],
): { band: AvailabilityBand; aboveHighestBand: boolean } {
  if (bands.length === 0) {
    throw new Error('There are no availability bands to choose from');
  }
  const band = bands.find(b => b.maxExposurePerHour >= exposure);
  if (band) {
    return { band, aboveHighestBand: false };
  }
  return { band: bands[bands.length - 1], aboveHighestBand: true };
}

/**
 * Rule 1: the availability target, in percent, for an exposure per hour.
 *
 * @public
 */
export function availabilityTargetFor(
  exposure: number,
  bands: AvailabilityBand[],
): number {
  return availabilityBandFor(exposure, bands).band.availability;
}

/**
 * Rule 2: how many seconds a week a service may be unavailable and still meet its target.
 *
 * @public
 */
export function tolerableUnavailabilitySecondsPerWeek(target: number): number {
  const seconds = (1 - target / 100) * SECONDS_PER_WEEK;
  // Two decimals keep 604.8 from arriving as 604.8000000000005.
  return Math.round(seconds * 100) / 100;
}

/**
 * Writes a number of seconds as `h:mm:ss`, to the nearest second.
 *
 * @public
 */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${hours}:${pad(minutes)}:${pad(rest)}`;
}

/**
 * Writes an availability target with at least one decimal, for example `99.0%` or `99.99%`.
 *
 * @public
 */
export function formatAvailability(target: number): string {
  const text = String(target);
  return `${text.includes('.') ? text : target.toFixed(1)}%`;
}

/**
 * The peak event that is on at an instant (start inclusive, end exclusive), or null.
 *
 * @public
 */
export function peakEventAt(
  events: PeakEventWindow[],
  at: Date,
): PeakEventWindow | null {
  const time = at.getTime();
  return (
    events.find(
      event => Date.parse(event.start) <= time && time < Date.parse(event.end),
    ) ?? null
  );
}

/**
 * The first peak event to start after an instant, or null.
 *
 * @public
 */
export function nextPeakEvent(
  events: PeakEventWindow[],
  at: Date,
): PeakEventWindow | null {
  const time = at.getTime();
  let next: PeakEventWindow | null = null;
  for (const event of events) {
    const start = Date.parse(event.start);
    if (start > time && (next === null || start < Date.parse(next.start))) {
      next = event;
    }
  }
  return next;
}
