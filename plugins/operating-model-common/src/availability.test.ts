import {
  availabilityBandFor,
  availabilityTargetFor,
  formatAvailability,
  formatDuration,
  nextPeakEvent,
  peakEventAt,
  tolerableUnavailabilitySecondsPerWeek,
} from './availability';
import { readOperatingModelConfigFromObject } from './config';

const { availabilityBands: bands } = readOperatingModelConfigFromObject({});

describe('availabilityBandFor', () => {
  it.each([
    // The furniture retailer's services.
    [810000, 99.9, true],
    [6000, 95.0, false],
    [200000, 99.0, false],
    // Band boundaries: a band covers exposures up to and including its maximum.
    [0, 95.0, false],
    [7000, 95.0, false],
    [7000.01, 99.0, false],
    [250000, 99.0, false],
    [250001, 99.9, false],
    [800000, 99.9, false],
    [800001, 99.9, true],
  ])('puts %p an hour in the %p%% band', (exposure, availability, above) => {
    const { band, aboveHighestBand } = availabilityBandFor(exposure, bands);
    expect(band.availability).toBe(availability);
    expect(aboveHighestBand).toBe(above);
    expect(availabilityTargetFor(exposure, bands)).toBe(availability);
  });

  it('refuses to choose from no bands', () => {
    expect(() => availabilityBandFor(1, [])).toThrow('no availability bands');
  });
});

describe('tolerableUnavailabilitySecondsPerWeek and formatDuration', () => {
  it.each([
    [95.0, 30240, '8:24:00'],
    [99.0, 6048, '1:40:48'],
    [99.5, 3024, '0:50:24'],
    [99.9, 604.8, '0:10:05'],
    [99.95, 302.4, '0:05:02'],
    [99.99, 60.48, '0:01:00'],
    [99.999, 6.05, '0:00:06'],
    [0.001, 604793.95, '167:59:54'],
  ])('allows %p%% %p seconds a week (%s)', (target, seconds, written) => {
    expect(tolerableUnavailabilitySecondsPerWeek(target)).toBe(seconds);
    expect(formatDuration(seconds)).toBe(written);
  });

  it.each([
    [0, '0:00:00'],
    [59.5, '0:01:00'],
    [3600, '1:00:00'],
    [604800, '168:00:00'],
    [-90, '-0:01:30'],
  ])('writes %p seconds as %s', (seconds, written) => {
    expect(formatDuration(seconds)).toBe(written);
  });
});

describe('formatAvailability', () => {
  it.each([
    [95, '95.0%'],
    [99.0, '99.0%'],
    [99.9, '99.9%'],
    [99.99, '99.99%'],
  ])('writes %p as %s', (target, written) => {
    expect(formatAvailability(target)).toBe(written);
  });
});

describe('peak events', () => {
  const blackFriday = {
    name: 'Black Friday',
    start: '2026-11-26T00:00:00Z',
    end: '2026-12-01T00:00:00Z',
  };
  const boxingDay = {
    name: 'Boxing Day sale',
    start: '2026-12-26T00:00:00Z',
    end: '2026-12-28T00:00:00Z',
  };
  const events = [boxingDay, blackFriday];

  it.each([
    ['2026-11-25T23:59:59.999Z', null, blackFriday],
    ['2026-11-26T00:00:00.000Z', blackFriday, boxingDay],
    ['2026-11-30T23:59:59.999Z', blackFriday, boxingDay],
    ['2026-12-01T00:00:00.000Z', null, boxingDay],
    ['2026-12-27T12:00:00.000Z', boxingDay, null],
    ['2027-01-01T00:00:00.000Z', null, null],
  ])('at %s', (at, current, next) => {
    expect(peakEventAt(events, new Date(at))).toEqual(current);
    expect(nextPeakEvent(events, new Date(at))).toEqual(next);
  });

  it('finds nothing without events', () => {
    expect(peakEventAt([], new Date())).toBeNull();
    expect(nextPeakEvent([], new Date())).toBeNull();
  });
});
