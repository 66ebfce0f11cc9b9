import { InputError } from '@backstage/errors';
import {
  AvailabilityOnDay,
  DeploymentsInWeek,
  ErrorBudget,
  IncidentInSeries,
  LeadTimeOfDeployment,
  MeasureSeries as MeasureSeriesAnswer,
  OperatingModelConfig,
  ReviewKey,
  SeriesTarget,
  deploymentsPer30Days,
} from '@operating-model/backstage-plugin-operating-model-common';
import { Knex } from 'knex';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { PRODUCTION, sumOfCounts } from '../events/EventStore';
import { wholeDays, windowEdges } from '../events/rollups';
import { MeasuresWindow } from './MeasuresService';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MS_PER_WEEK = 7 * MS_PER_DAY;
/** 1970-01-05, the first Monday after the epoch: weeks are counted from it so they start on Monday. */
const FIRST_MONDAY = 4 * MS_PER_DAY;
/** Services per `IN (…)` list; a longer scope is read in parts and the parts added up. */
const SERVICES_PER_QUERY = 500;

/*
 * Instants are epoch milliseconds in bigint columns, so a week or a day is an integer division:
 * PostgreSQL and SQLite both divide integers by truncating, which is flooring for instants after
 * 1970. The divisors are written into the SQL, not bound, so SQLite never sees them as reals.
 */
const WEEK_OF = (column: string) =>
  `((${column} - ${FIRST_MONDAY}) / ${MS_PER_WEEK})`;
const DAY_OF = (column: string) => `(${column} / ${MS_PER_DAY})`;
/** The week of a day number (days since 1970-01-01), as WEEK_OF gives it for an instant in the day. */
const WEEK_OF_DAY = (column: string) =>
  `((${column} - ${FIRST_MONDAY / MS_PER_DAY}) / 7)`;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
// PostgreSQL returns bigint and numeric aggregates as strings; SQLite returns numbers.
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The Monday 00:00 UTC of the week holding an instant. */
export function weekStartOf(ms: number): number {
  return (
    Math.floor((ms - FIRST_MONDAY) / MS_PER_WEEK) * MS_PER_WEEK + FIRST_MONDAY
  );
}

function parts<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += SERVICES_PER_QUERY) {
    result.push(items.slice(i, i + SERVICES_PER_QUERY));
  }
  return result;
}

async function inParts<T>(
  services: readonly string[],
  read: (part: string[]) => Promise<T[]>,
): Promise<T[]> {
  const results: T[] = [];
  for (const part of parts(services)) results.push(...(await read(part)));
  return results;
}

/**
 * The series behind the measures' charts for a Component, a Group (the services it owns) or a
 * Domain (its services): deployments per week, availability per day, each incident's time to
 * restore and each deployment's lead time, with a single service's targets and this week's error
 * budget. Events count in the window as they do in the measures: a deployment by its deploy
 * time, an availability interval by its start, an incident by its start.
 */
export class MeasureSeries {
  constructor(
    private readonly options: {
      knex: Knex;
      assessments: ServiceAssessments;
      config: Pick<OperatingModelConfig, 'deploymentFrequencies'>;
      now: () => Date;
    },
  ) {}

  async forEntity(
    entityRef: string,
    window: MeasuresWindow,
  ): Promise<MeasureSeriesAnswer> {
    const ref = lower(entityRef);
    const kind = ref.slice(0, ref.indexOf(':'));
    // Targets are those in force at the end of the window, as in the measures.
    const at = new Date(
      Math.min(window.to.getTime() - 1, this.options.now().getTime()),
    );
    const assessed = this.options.assessments.list(at);
    let services: string[];
    if (kind === 'component') {
      services = [ref];
    } else if (kind === 'group' || kind === 'domain') {
      const field = kind === 'group' ? 'owner' : 'domain';
      services = assessed
        .filter(a => a[field] && lower(a[field]!) === ref)
        .map(a => lower(a.entityRef))
        .sort();
    } else {
      throw new InputError(
        `Measures are kept for a Component, a Group or a Domain; ${entityRef} is a ${kind}`,
      );
    }

    const from = window.from.getTime();
    const to = window.to.getTime();
    const [deploymentsPerWeek, availabilityPerDay, incidents, leadTimes] =
      await Promise.all([
        this.deploymentsPerWeek(services, from, to),
        this.availabilityPerDay(services, from, to),
        this.incidents(services, from, to),
        this.leadTimes(services, from, to),
      ]);

    let target: SeriesTarget | null = null;
    let errorBudget: ErrorBudget | null = null;
    const own =
      kind === 'component' ? this.options.assessments.get(ref, at) : undefined;
    if (own) {
      const per30Days =
        own.deploymentTarget === null
          ? null
          : deploymentsPer30Days(
              own.deploymentTarget,
              this.options.config.deploymentFrequencies,
            );
      target = {
        availability: own.availabilityTarget,
        deploymentsPerWeek: per30Days === null ? null : (per30Days * 7) / 30,
        tolerableUnavailabilitySecondsPerWeek:
          own.tolerableUnavailabilitySecondsPerWeek,
      };
      if (own.tolerableUnavailabilitySecondsPerWeek !== null) {
        errorBudget = await this.errorBudget(
          ref,
          Math.min(to, this.options.now().getTime()),
          own.tolerableUnavailabilitySecondsPerWeek,
        );
      }
    }

    return {
      entityRef: ref,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      deploymentsPerWeek,
      availabilityPerDay,
      incidents,
      leadTimes,
      target,
      errorBudget,
    };
  }

  /**
   * Whole days come from the per-day rollups, the parts of a day at either end of the window from
   * the raw rows. A day's week is the same whether told from its number or from an instant in it,
   * since weeks start at midnight.
   */
  private async deploymentsPerWeek(
    services: string[],
    from: number,
    to: number,
  ): Promise<DeploymentsInWeek[]> {
    const { knex } = this.options;
    const { first, end } = wholeDays({ from, to });
    const rows = await inParts(services, async part => {
      const reads: Array<Promise<Array<Record<string, unknown>>>> = [];
      if (end > first) {
        reads.push(
          knex('deployment_days')
            .select(knex.raw(`${WEEK_OF_DAY('day')} as week`))
            .sum({ n: 'deployments' })
            .where('day', '>=', first)
            .where('day', '<', end)
            .whereIn('service_ref', part)
            .groupByRaw(WEEK_OF_DAY('day'))
            .havingRaw('sum(deployments) > 0'),
        );
      }
      for (const edge of windowEdges({ from, to })) {
        reads.push(
          knex('deployments')
            .select(
              knex.raw(`${WEEK_OF('deployed_at')} as week, count(*) as n`),
            )
            .where('environment', PRODUCTION)
            .where('deployed_at', '>=', edge.from)
            .where('deployed_at', '<', edge.to)
            .whereIn('service_ref', part)
            .groupByRaw(WEEK_OF('deployed_at')),
        );
      }
      return (await Promise.all(reads)).flat();
    });
    const counts = new Map<number, number>();
    for (const row of rows as Array<Record<string, unknown>>) {
      const week = num(row.week);
      counts.set(week, (counts.get(week) ?? 0) + num(row.n));
    }
    if (counts.size === 0) return [];
    // A week between two deployments with none of its own deployed nothing: that is a 0, not a gap.
    const weeks = [...counts.keys()];
    const result: DeploymentsInWeek[] = [];
    for (let week = Math.min(...weeks); week <= Math.max(...weeks); week++) {
      result.push({
        weekStart: iso(week * MS_PER_WEEK + FIRST_MONDAY),
        count: counts.get(week) ?? 0,
      });
    }
    return result;
  }

  private async availabilityPerDay(
    services: string[],
    from: number,
    to: number,
  ): Promise<AvailabilityOnDay[]> {
    const { knex } = this.options;
    const sums = () =>
      knex.raw(
        `${sumOfCounts(knex, 'good')} as good, ${sumOfCounts(
          knex,
          'total',
        )} as total`,
      );
    const { first, end } = wholeDays({ from, to });
    const rows = await inParts(services, async part => {
      const reads: Array<Promise<Array<Record<string, unknown>>>> = [];
      if (end > first) {
        reads.push(
          knex('availability_days')
            .select('day')
            .select(sums())
            .where('day', '>=', first)
            .where('day', '<', end)
            .whereIn('service_ref', part)
            .groupBy('day')
            .havingRaw('sum(intervals) > 0'),
        );
      }
      for (const edge of windowEdges({ from, to })) {
        reads.push(
          knex('availability_intervals')
            .select(knex.raw(`${DAY_OF('start_at')} as day`))
            .select(sums())
            .where('start_at', '>=', edge.from)
            .where('start_at', '<', edge.to)
            .whereIn('service_ref', part)
            .groupByRaw(DAY_OF('start_at')),
        );
      }
      return (await Promise.all(reads)).flat();
    });
    const days = new Map<number, { good: number; total: number }>();
    for (const row of rows as Array<Record<string, unknown>>) {
      const day = num(row.day);
      const sum = days.get(day) ?? { good: 0, total: 0 };
      sum.good += num(row.good);
      sum.total += num(row.total);
      days.set(day, sum);
    }
    return [...days.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, { good, total }]) => ({
        day: iso(day * MS_PER_DAY).slice(0, 10),
        good,
        total,
        ratio: total > 0 ? good / total : null,
      }));
  }

  private async incidents(
    services: string[],
    from: number,
    to: number,
  ): Promise<IncidentInSeries[]> {
    const { knex } = this.options;
    const rows = (await inParts(services, part =>
      knex('incidents as i')
        .join('incident_services as s', 's.incident_id', 'i.id')
        .select(
          'i.id',
          'i.source',
          'i.external_id',
          'i.title',
          'i.started_at',
          'i.acknowledged_at',
          'i.restored_at',
          'i.review_url',
          'i.url',
          's.service_ref',
        )
        .where('i.started_at', '>=', from)
        .where('i.started_at', '<', to)
        .whereIn('s.service_ref', part),
    )) as Array<Record<string, unknown>>;

    const byId = new Map<number, IncidentInSeries & { started: number }>();
    for (const row of rows) {
      const id = num(row.id);
      const existing = byId.get(id);
      if (existing) {
        existing.services.push(String(row.service_ref));
        continue;
      }
      const started = num(row.started_at);
      const restored = numOrNull(row.restored_at);
      byId.set(id, {
        started,
        source: String(row.source),
        externalId: String(row.external_id),
        title: (row.title as string | null) ?? null,
        service: '',
        services: [String(row.service_ref)],
        startedAt: iso(started),
        acknowledgedAt: isoOrNull(numOrNull(row.acknowledged_at)),
        restoredAt: isoOrNull(restored),
        timeToRestoreMinutes:
          restored === null ? null : (restored - started) / MS_PER_MINUTE,
        review: null,
        reviewUrl: (row.review_url as string | null) ?? null,
        url: (row.url as string | null) ?? null,
      });
    }
    const incidents = [...byId.values()].sort(
      (a, b) =>
        a.started - b.started || a.externalId.localeCompare(b.externalId),
    );

    const reviews = await this.reviewsOf(
      incidents.map(i => [i.source, i.externalId]),
    );
    return incidents.map(({ started: _started, ...incident }) => {
      incident.services.sort();
      return {
        ...incident,
        service: incident.services[0],
        review:
          reviews.get(JSON.stringify([incident.source, incident.externalId])) ??
          null,
      };
    });
  }

  /** The earliest review published about each incident, by the incident's (source, external id). */
  private async reviewsOf(
    incidents: Array<[string, string]>,
  ): Promise<Map<string, ReviewKey>> {
    const { knex } = this.options;
    const found = new Map<string, ReviewKey & { publishedAt: number }>();
    for (const part of parts(incidents)) {
      const rows = (await knex('reviews')
        .select(
          'source',
          'external_id',
          'title',
          'url',
          'published_at',
          'incident_source',
          'incident_external_id',
        )
        .whereIn(['incident_source', 'incident_external_id'], part)) as Array<
        Record<string, unknown>
      >;
      for (const row of rows) {
        const key = JSON.stringify([
          row.incident_source,
          row.incident_external_id,
        ]);
        const publishedAt = num(row.published_at);
        const earlier = found.get(key);
        if (earlier && earlier.publishedAt <= publishedAt) continue;
        found.set(key, {
          source: String(row.source),
          externalId: String(row.external_id),
          title: (row.title as string | null) ?? null,
          url: (row.url as string | null) ?? null,
          publishedAt,
        });
      }
    }
    return new Map(
      [...found.entries()].map(
        ([key, { publishedAt: _publishedAt, ...review }]) => [key, review],
      ),
    );
  }

  private async leadTimes(
    services: string[],
    from: number,
    to: number,
  ): Promise<LeadTimeOfDeployment[]> {
    const { knex } = this.options;
    const rows = (await inParts(services, part =>
      knex('deployments')
        .select('service_ref', 'deployed_at', 'built_at')
        .where('environment', PRODUCTION)
        .where('deployed_at', '>=', from)
        .where('deployed_at', '<', to)
        .whereIn('service_ref', part),
    )) as Array<Record<string, unknown>>;
    return rows
      .map(row => ({
        service: String(row.service_ref),
        deployed: num(row.deployed_at),
        lead: num(row.deployed_at) - num(row.built_at),
      }))
      .sort(
        (a, b) => a.deployed - b.deployed || a.service.localeCompare(b.service),
      )
      .map(row => ({
        service: row.service,
        deployTime: iso(row.deployed),
        leadTimeDays: row.lead / MS_PER_DAY,
      }));
  }

  /**
   * The error budget of the week that holds `end`: the week's tolerable unavailability, less the
   * unavailable share of the requests counted so far that week times the seconds gone by. Requests
   * rather than incidents, because a degraded service loses budget before anyone opens an incident,
   * and because it is the same good ÷ total the availability figure is.
   */
  private async errorBudget(
    service: string,
    end: number,
    allowedSeconds: number,
  ): Promise<ErrorBudget> {
    const weekStart = weekStartOf(end - 1);
    const [row] = (await this.options
      .knex('availability_intervals')
      .select(
        this.options.knex.raw(
          `${sumOfCounts(this.options.knex, 'good')} as good, ${sumOfCounts(
            this.options.knex,
            'total',
          )} as total, count(*) as n`,
        ),
      )
      .where('service_ref', service)
      .where('start_at', '>=', weekStart)
      .where('start_at', '<', end)) as Array<Record<string, unknown>>;
    const good = num(row?.good ?? 0);
    const total = num(row?.total ?? 0);
    const elapsedSeconds = (end - weekStart) / 1000;
    const usedSeconds = total > 0 ? (1 - good / total) * elapsedSeconds : null;
    return {
      weekStart: iso(weekStart),
      until: iso(end),
      allowedSeconds,
      usedSeconds,
      leftSeconds: usedSeconds === null ? null : allowedSeconds - usedSeconds,
      count: num(row?.n ?? 0),
    };
  }
}
