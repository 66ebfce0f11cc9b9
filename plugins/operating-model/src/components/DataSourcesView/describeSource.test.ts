import { EventSourceSchedule, EventSourceStatus } from '../../api';
import { testTranslation } from '../__testUtils__/translation';
import {
  describeFrequency,
  describeRunLimits,
  sourceConfigKey,
  sourceState,
} from './describeSource';

const t = testTranslation();

const source = (
  overrides: Partial<EventSourceStatus> = {},
): EventSourceStatus => ({
  id: 'pagerduty',
  kinds: ['incidents'],
  enabled: true,
  schedule: { frequency: { minutes: 15 }, timeout: { minutes: 10 } },
  lastRunAt: '2026-11-24T11:45:00.000Z',
  lastSuccessAt: '2026-11-24T11:46:00.000Z',
  eventsWritten: 12,
  lastError: null,
  mapped: 3,
  unmapped: [],
  ...overrides,
});

describe('sourceState', () => {
  it.each([
    ['off when not configured', { enabled: false, schedule: null }, 'off'],
    [
      'off even with an error from when it was on',
      { enabled: false, lastError: 'boom' },
      'off',
    ],
    [
      'failed while an error stands',
      { lastError: '401 Unauthorized' },
      'failed',
    ],
    [
      'not run before its first run',
      { lastRunAt: null, lastSuccessAt: null },
      'not-run',
    ],
    ['running on its first run', { lastSuccessAt: null }, 'running'],
    [
      'running when a run began after the last success',
      { lastRunAt: '2026-11-24T12:00:00.000Z' },
      'running',
    ],
    ['succeeded when the last run ended well', {}, 'succeeded'],
  ] as const)('is %s', (_name, overrides, expected) => {
    expect(sourceState(source(overrides))).toBe(expected);
  });
});

describe('describeFrequency', () => {
  it.each<[EventSourceSchedule | null, string]>([
    [{ frequency: { minutes: 15 } }, 'every 15 minutes'],
    [{ frequency: { hours: 1 } }, 'every hour'],
    [{ frequency: { days: 1 } }, 'every day'],
    [{ frequency: { hours: 1, minutes: 30 } }, 'every 1 hour, 30 minutes'],
    [{ frequency: { seconds: 90 } }, 'every 90 seconds'],
    [{ frequency: { cron: '0 * * * *' } }, 'on the cron schedule 0 * * * *'],
    [{ frequency: { trigger: 'manual' } }, 'only when triggered by hand'],
    [
      { frequency: 'PT15M' as unknown as { minutes: number } },
      'as configured: "PT15M"',
    ],
    [null, 'not scheduled'],
  ])('%j reads "%s"', (schedule, expected) => {
    expect(describeFrequency(schedule, t)).toBe(expected);
  });
});

describe('describeRunLimits', () => {
  it('says how long a run may take and when the first starts', () => {
    expect(
      describeRunLimits(
        {
          frequency: { minutes: 15 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
        },
        t,
      ),
    ).toEqual([
      'each run stops after 10 minutes',
      'the first run 30 seconds after start-up',
    ]);
    expect(describeRunLimits({ frequency: { minutes: 15 } }, t)).toEqual([]);
    expect(describeRunLimits(null, t)).toEqual([]);
  });
});

describe('sourceConfigKey', () => {
  it('is the key under operatingModel.sources', () => {
    expect(sourceConfigKey('prometheus')).toBe(
      'operatingModel.sources.prometheus',
    );
  });
});
