import { EventSourceSchedule, EventSourceStatus } from '../../api';
import { OperatingModelTranslation } from '../../translation';
import {
  DurationParts,
  formatDurationParts,
  singleUnitName,
} from '../shared/format';

/** Where a source stands, from the state of its runs. */
export type SourceState =
  | 'off'
  | 'failed'
  | 'not-run'
  | 'running'
  | 'succeeded';

/**
 * Off when it is not configured; failed while its last run's error stands (a success clears
 * it); running when a run began after the last success, since a run records its start first and
 * its success last.
 */
export function sourceState(source: EventSourceStatus): SourceState {
  if (!source.enabled) return 'off';
  if (source.lastError !== null) return 'failed';
  if (source.lastRunAt === null) return 'not-run';
  if (
    source.lastSuccessAt === null ||
    Date.parse(source.lastRunAt) > Date.parse(source.lastSuccessAt)
  ) {
    return 'running';
  }
  return 'succeeded';
}

/** The config key that turns a source on. */
export function sourceConfigKey(id: string): string {
  return `operatingModel.sources.${id}`;
}

function isDuration(value: unknown): value is DurationParts {
  return (
    typeof value === 'object' &&
    value !== null &&
    formatDurationParts(value as DurationParts) !== null
  );
}

function durationText(duration: DurationParts): string {
  return singleUnitName(duration) ?? formatDurationParts(duration) ?? '';
}

/**
 * How often a source runs, in words: `every 15 minutes`, `every hour`, `on the cron schedule
 * 0 * * * *`, `only when triggered by hand`.
 */
export function describeFrequency(
  schedule: EventSourceSchedule | null,
  t: OperatingModelTranslation,
): string {
  if (!schedule) return t('dataSources.schedule.off');
  const frequency: unknown = schedule.frequency;
  if (typeof frequency === 'object' && frequency !== null) {
    if ('cron' in frequency && typeof frequency.cron === 'string') {
      return t('dataSources.schedule.cron', { cron: frequency.cron });
    }
    if ('trigger' in frequency && frequency.trigger === 'manual') {
      return t('dataSources.schedule.manual');
    }
    if (isDuration(frequency)) {
      return t('dataSources.schedule.every', {
        duration: durationText(frequency),
      });
    }
  }
  return t('dataSources.schedule.unreadable', {
    schedule: JSON.stringify(frequency ?? schedule),
  });
}

/** How long a run may take and when the first one starts, in words; empty when neither is given. */
export function describeRunLimits(
  schedule: EventSourceSchedule | null,
  t: OperatingModelTranslation,
): string[] {
  if (!schedule) return [];
  const limits: string[] = [];
  if (isDuration(schedule.timeout)) {
    limits.push(
      t('dataSources.schedule.timeout', {
        duration: formatDurationParts(schedule.timeout) ?? '',
      }),
    );
  }
  if (isDuration(schedule.initialDelay)) {
    limits.push(
      t('dataSources.schedule.initialDelay', {
        duration: formatDurationParts(schedule.initialDelay) ?? '',
      }),
    );
  }
  return limits;
}
