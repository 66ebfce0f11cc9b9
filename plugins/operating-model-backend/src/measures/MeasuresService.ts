import { InputError } from '@backstage/errors';
import {
  EntityMeasures,
  IncidentLossInput,
  LeadersMeasures,
  MeasureFigures,
  OperatingModelConfig,
  ServiceTargetStatus,
  TargetTally,
  apportionLoss,
  availabilityFigure,
  changeFailure,
  doraLevels,
  chaosDaysFigure,
  deploymentFrequency,
  distributionFigure,
  exposurePerHourInForce,
  financialLossProtection,
  improvementActionIntervalDays,
  improvementActionLeadTimeDays,
  looseCoupling,
  preApprovedChanges,
  reworkRate,
  timeToAcknowledgeMinutes,
  timeToRestoreMinutes,
  windowDays,
  AssessedService,
  DeploymentTime,
} from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { OrgSnapshot } from '../catalog/readOrgSnapshot';
import {
  DeploymentTotals,
  EventSourceKind,
  EventStore,
  EventWindow,
  IncidentRow,
  ReworkRow,
} from '../events/EventStore';

const MS_PER_DAY = 86_400_000;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** A window of the measures: `from` included, `to` excluded. */
export interface MeasuresWindow {
  from: Date;
  to: Date;
}

/** The services (and teams, for rework) one set of figures is about. */
interface Scope {
  entityRef: string;
  title: string | null;
  services: string[];
  /** The teams whose rework counts; `all` for the organisation. */
  teams: Set<string> | 'all';
  /** A single service's figures carry its own targets; a team's or domain's do not. */
  single: boolean;
}

/** Everything read from the store for one window, indexed by service (or team, for rework). */
interface WindowData {
  deployments: Map<string, DeploymentTotals>;
  /** Per service, its lead times in days, in no particular order (the percentiles select). */
  leadTimeDays: Map<string, Float64Array>;
  /** Per service, its deployments for the change failure rate, made once for every scope. */
  deploymentTimes: Map<string, DeploymentTime[]>;
  /** Per service, the `source`s of its events, by kind. */
  sources: Map<string, Array<{ kind: EventSourceKind; source: string }>>;
  availability: Map<string, { good: number; total: number; count: number }>;
  incidentsByService: Map<string, IncidentRow[]>;
  reviewsByService: Map<string, number[]>;
  readersByService: Map<string, string[]>;
  actionsByService: Map<
    string,
    Array<{ definedAt: number; completedAt: number }>
  >;
  chaosDaysByService: Map<string, string[]>;
  reworkByTeam: Map<string, ReworkRow[]>;
  /** Each incident's parts in financial loss protection, worked out once per load. */
  lossPartsByIncident: Map<
    number,
    Array<{ service: string; input: IncidentLossInput }>
  >;
}

function listsBy<T, V>(
  rows: T[],
  key: (row: T) => string,
  value: (row: T) => V,
): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(value(row));
    else map.set(k, [value(row)]);
  }
  return map;
}

/** The deployments of the services, for the change failure rate: no copies, only references. */
function deploymentTimes(
  services: readonly string[],
  byService: Map<string, DeploymentTime[]>,
): DeploymentTime[] {
  const times: DeploymentTime[] = [];
  for (const service of services) {
    const list = byService.get(service);
    if (list) for (const time of list) times.push(time);
  }
  return times;
}

/** The lead times of the services as one typed array, for the percentiles. */
function leadTimesOf(
  services: readonly string[],
  byService: Map<string, Float64Array>,
): Float64Array {
  let length = 0;
  for (const service of services) length += byService.get(service)?.length ?? 0;
  const values = new Float64Array(length);
  let at = 0;
  for (const service of services) {
    const list = byService.get(service);
    if (list) {
      values.set(list, at);
      at += list.length;
    }
  }
  return values;
}

function tally(
  statuses: Array<boolean | null>,
  withTarget: number,
): TargetTally {
  return {
    withTarget,
    met: statuses.filter(s => s === true).length,
    notMet: statuses.filter(s => s === false).length,
  };
}

/**
 * Rule 11's measures for a service, a team, a domain, and every team or domain at once. The
 * store aggregates in SQL (counts and sums grouped by service); only the values a median needs
 * are read one by one. The common package's formulas turn them into figures.
 *
 * Window rules: an event counts in the window it happened in (a deployment by its deploy time,
 * an availability interval by its start, an incident by its start, a review by its publication,
 * an improvement action by its completion, a rework item by its week's Monday), and durations are
 * whole, never clipped to the window. Targets are those in force at the end of the window, except
 * in financial loss protection, which uses the exposure and target in force when each incident
 * started (a peak event raises both).
 */
export class MeasuresService {
  private sizesOf: OrgSnapshot | undefined;
  private sizes = new Map<string, number>();

  constructor(
    private readonly options: {
      store: EventStore;
      assessments: ServiceAssessments;
      config: Pick<OperatingModelConfig, 'deploymentFrequencies'>;
      now: () => Date;
    },
  ) {}

  /** The measures of one Component, Group (its services) or Domain (its services). */
  async forEntity(
    entityRef: string,
    window: MeasuresWindow,
  ): Promise<EntityMeasures> {
    const ref = lower(entityRef);
    const kind = ref.slice(0, ref.indexOf(':'));
    const assessed = this.assessedAt(window);
    let scope: Scope;
    if (kind === 'component') {
      const own = assessed.find(a => lower(a.entityRef) === ref);
      const owner = own?.owner ? lower(own.owner) : null;
      scope = {
        entityRef: ref,
        title: own?.titles.service ?? null,
        services: [ref],
        // Rework is recorded per team: a service shows its owning team's.
        teams: new Set(owner ? [owner] : []),
        single: true,
      };
    } else if (kind === 'group' || kind === 'domain') {
      const field = kind === 'group' ? 'owner' : 'domain';
      const members = assessed.filter(
        a => a[field] && lower(a[field]!) === ref,
      );
      scope = {
        entityRef: ref,
        title: members[0]?.titles[field] ?? null,
        services: members.map(a => lower(a.entityRef)),
        teams:
          kind === 'group'
            ? new Set([ref])
            : new Set(members.flatMap(a => (a.owner ? [lower(a.owner)] : []))),
        single: false,
      };
    } else {
      throw new InputError(
        `Measures are kept for a Component, a Group or a Domain; ${entityRef} is a ${kind}`,
      );
    }
    const data = await this.load(
      window,
      scope.services,
      scope.teams === 'all' ? undefined : [...scope.teams],
    );
    return this.measure(scope, data, window, this.byRef(assessed));
  }

  /** The leaders' view: every team (owner) or domain with its figures and how its services meet their targets. */
  async leaders(
    grouping: 'team' | 'domain',
    window: MeasuresWindow,
  ): Promise<LeadersMeasures> {
    const assessed = this.assessedAt(window);
    const byRef = this.byRef(assessed);
    const data = await this.load(window);
    const field = grouping === 'team' ? 'owner' : 'domain';
    const groups = new Map<string, AssessedService[]>();
    for (const assessment of assessed) {
      const key = assessment[field];
      if (!key) continue;
      const list = groups.get(lower(key)) ?? [];
      list.push(assessment);
      groups.set(lower(key), list);
    }
    const items = [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ref, members]) =>
        this.measure(
          {
            entityRef: ref,
            title: members[0].titles[field],
            services: members.map(a => lower(a.entityRef)),
            teams:
              grouping === 'team'
                ? new Set([ref])
                : new Set(
                    members.flatMap(a => (a.owner ? [lower(a.owner)] : [])),
                  ),
            single: false,
          },
          data,
          window,
          byRef,
        ),
      );
    const organisation = this.measure(
      {
        entityRef: 'organisation',
        title: null,
        services: assessed.map(a => lower(a.entityRef)),
        teams: 'all',
        single: false,
      },
      data,
      window,
      byRef,
    );
    return {
      groupBy: grouping,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      items,
      organisation,
    };
  }

  /** The assessments in force at the end of the window (or now, for a window still open). */
  private assessedAt(window: MeasuresWindow): AssessedService[] {
    const end = Math.min(window.to.getTime() - 1, this.options.now().getTime());
    return this.options.assessments.list(new Date(end));
  }

  private byRef(assessed: AssessedService[]): Map<string, AssessedService> {
    return new Map(assessed.map(a => [lower(a.entityRef), a]));
  }

  private async load(
    window: MeasuresWindow,
    services?: string[],
    teams?: string[],
  ): Promise<WindowData> {
    const { store } = this.options;
    const w: EventWindow = {
      from: window.from.getTime(),
      to: window.to.getTime(),
    };
    const [
      deployments,
      leadTimes,
      availability,
      incidents,
      reviews,
      actions,
      chaosDays,
      rework,
      sources,
    ] = await Promise.all([
      store.deploymentTotals(w, services),
      store.leadTimes(w, services),
      store.availabilityTotals(w, services),
      store.incidents(w, services),
      store.reviewReaders(w, services),
      store.completedActions(w, services),
      store.chaosDays(w, services),
      store.reworkWeeks(w, teams),
      // The incidents' sources come with the incidents.
      store.sourcesOf(w, services, ['deployments', 'availability']),
    ]);
    const incidentsByService = new Map<string, IncidentRow[]>();
    const incidentSources = new Set<string>();
    for (const incident of incidents) {
      for (const service of incident.services) {
        const list = incidentsByService.get(service) ?? [];
        list.push(incident);
        incidentsByService.set(service, list);
        const key = JSON.stringify([service, incident.source]);
        if (!incidentSources.has(key)) {
          incidentSources.add(key);
          sources.push({ kind: 'incidents', service, source: incident.source });
        }
      }
    }
    return {
      deployments: new Map(deployments.map(d => [d.service, d])),
      leadTimeDays: new Map(
        leadTimes.map(r => [r.service, r.ms.map(ms => ms / MS_PER_DAY)]),
      ),
      deploymentTimes: new Map(
        leadTimes.map(r => [
          r.service,
          Array.from(r.deployedAt, deployedAt => ({
            service: r.service,
            deployedAt,
          })),
        ]),
      ),
      sources: listsBy(
        sources,
        r => r.service,
        r => ({ kind: r.kind, source: r.source }),
      ),
      availability: new Map(availability.map(a => [a.service, a])),
      incidentsByService,
      reviewsByService: listsBy(
        reviews.reviews,
        r => r.service,
        r => r.review,
      ),
      readersByService: listsBy(
        reviews.readers,
        r => r.service,
        r => r.person,
      ),
      actionsByService: listsBy(
        actions,
        a => a.service,
        a => a,
      ),
      chaosDaysByService: listsBy(
        chaosDays,
        c => c.service,
        c => c.day,
      ),
      reworkByTeam: listsBy(
        rework,
        r => r.team,
        r => r,
      ),
      lossPartsByIncident: new Map(),
    };
  }

  private measure(
    scope: Scope,
    data: WindowData,
    window: MeasuresWindow,
    byRef: Map<string, AssessedService>,
  ): EntityMeasures {
    const days = windowDays(window.from, window.to);
    const frequencies = this.options.config.deploymentFrequencies;
    // A loop rather than flatMap: the organisation's lists run to a quarter of a million.
    const all = <T>(map: Map<string, T[]>): T[] => {
      const values: T[] = [];
      for (const service of scope.services) {
        const list = map.get(service);
        if (list) for (const value of list) values.push(value);
      }
      return values;
    };

    const services: ServiceTargetStatus[] = scope.services.map(ref => {
      const assessment = byRef.get(ref);
      const deploymentTarget = assessment?.deploymentTarget ?? null;
      const availabilityTarget = assessment?.availabilityTarget ?? null;
      const availability = data.availability.get(ref);
      return {
        entityRef: ref,
        deploymentTarget,
        deploymentTargetMet: deploymentFrequency({
          count: data.deployments.get(ref)?.count ?? 0,
          windowDays: days,
          target: deploymentTarget,
          frequencies,
        }).targetMet,
        availabilityTarget,
        availabilityTargetMet: availabilityFigure({
          good: availability?.good ?? 0,
          total: availability?.total ?? 0,
          count: availability?.count ?? 0,
          target: availabilityTarget,
        }).targetMet,
      };
    });

    const deployed = { count: 0, standard: 0, inLockstep: 0 };
    const requests = { good: 0, total: 0, count: 0 };
    for (const ref of scope.services) {
      const d = data.deployments.get(ref);
      if (d) {
        deployed.count += d.count;
        deployed.standard += d.standard;
        deployed.inLockstep += d.inLockstep;
      }
      const a = data.availability.get(ref);
      if (a) {
        requests.good += a.good;
        requests.total += a.total;
        requests.count += a.count;
      }
    }
    const own = scope.single ? services[0] : undefined;

    const incidents = [...new Set(all(data.incidentsByService))];
    const inScope = new Set(scope.services);
    const actions = all(data.actionsByService);
    const teams = scope.teams;
    const rework =
      teams === 'all'
        ? [...data.reworkByTeam.values()].flat()
        : [...teams].flatMap(team => data.reworkByTeam.get(team) ?? []);

    const figures: MeasureFigures = {
      deploymentFrequency: deploymentFrequency({
        count: deployed.count,
        windowDays: days,
        target: own?.deploymentTarget ?? null,
        frequencies,
      }),
      leadTimeDays: distributionFigure(
        leadTimesOf(scope.services, data.leadTimeDays),
      ),
      looseCoupling: looseCoupling({
        deployments: deployed.count,
        inLockstep: deployed.inLockstep,
      }),
      preApprovedChanges: preApprovedChanges({
        deployments: deployed.count,
        standard: deployed.standard,
      }),
      availability: availabilityFigure({
        ...requests,
        target: own?.availabilityTarget ?? null,
      }),
      timeToRestoreMinutes: timeToRestoreMinutes(incidents),
      timeToAcknowledgeMinutes: timeToAcknowledgeMinutes(incidents),
      financialLossProtection: financialLossProtection(
        incidents.flatMap(incident => this.lossParts(incident, inScope, data)),
      ),
      postIncidentReviewReaders: {
        count: new Set(all(data.readersByService)).size,
        reviews: new Set(all(data.reviewsByService)).size,
      },
      chaosDays: chaosDaysFigure(all(data.chaosDaysByService)),
      improvementActionLeadTimeDays: improvementActionLeadTimeDays(actions),
      improvementActionIntervalDays: improvementActionIntervalDays(
        actions.map(a => a.completedAt),
      ),
      reworkRate: reworkRate(
        rework.map(r => ({ ...r, week: r.weekStart })),
        team => this.teamSize(team),
      ),
      ...changeFailure(
        deploymentTimes(scope.services, data.deploymentTimes),
        incidents,
      ),
    };
    const sourceNames = (kind: EventSourceKind) =>
      [
        ...new Set(
          all(data.sources)
            .filter(s => s.kind === kind)
            .map(s => s.source),
        ),
      ].sort();

    const withDeploymentTarget = services.filter(
      s => s.deploymentTarget !== null,
    );
    const withAvailabilityTarget = services.filter(
      s => s.availabilityTarget !== null,
    );
    return {
      entityRef: scope.entityRef,
      title: scope.title,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      services,
      targets: {
        deploymentFrequency: tally(
          withDeploymentTarget.map(s => s.deploymentTargetMet),
          withDeploymentTarget.length,
        ),
        availability: tally(
          withAvailabilityTarget.map(s => s.availabilityTargetMet),
          withAvailabilityTarget.length,
        ),
      },
      ...figures,
      dora: doraLevels({
        deploymentsPerDay:
          figures.deploymentFrequency.perWeek === null
            ? null
            : figures.deploymentFrequency.perWeek / 7,
        leadTimeDays: figures.leadTimeDays.median,
        changeFailureRate: figures.changeFailureRate.ratio,
        recoveryMinutes: figures.failedDeploymentRecoveryMinutes.median,
      }),
      sources: {
        deployments: sourceNames('deployments'),
        incidents: sourceNames('incidents'),
        availability: sourceNames('availability'),
      },
    };
  }

  /**
   * One incident's parts in financial loss protection, one per service in scope that it hit,
   * with the exposure and target in force when it started. A recorded loss is shared between
   * the services hit in proportion to their exposure, so the parts of an incident add up to its
   * loss whichever teams or domains they fall in. An incident still open has no parts yet.
   */
  private lossParts(
    incident: IncidentRow,
    inScope: Set<string>,
    data: WindowData,
  ): IncidentLossInput[] {
    if (incident.restoredAt === null) return [];
    // The leaders' view asks about each incident for a team and again for the organisation.
    let parts = data.lossPartsByIncident.get(incident.id);
    if (!parts) {
      parts = this.allLossParts(incident);
      data.lossPartsByIncident.set(incident.id, parts);
    }
    return parts.filter(part => inScope.has(part.service)).map(p => p.input);
  }

  private allLossParts(
    incident: IncidentRow,
  ): Array<{ service: string; input: IncidentLossInput }> {
    const startedAt = new Date(incident.startedAt);
    const known = incident.services.flatMap(service => {
      const assessment = this.options.assessments.get(service, startedAt);
      const exposure = assessment ? exposurePerHourInForce(assessment) : null;
      return exposure === null
        ? []
        : [{ service, exposure, target: assessment!.availabilityTarget }];
    });
    const shares =
      incident.financialLoss === null
        ? known.map(() => null)
        : apportionLoss(
            incident.financialLoss,
            known.map(k => k.exposure),
          );
    return known.flatMap((part, index) =>
      part.target !== null
        ? [
            {
              service: part.service,
              input: {
                incident: String(incident.id),
                exposurePerHour: part.exposure,
                availabilityTarget: part.target,
                durationSeconds:
                  (incident.restoredAt! - incident.startedAt) / 1000,
                recordedLoss: shares[index],
              },
            },
          ]
        : [],
    );
  }

  private teamSize(team: string): number | undefined {
    const snapshot = this.options.assessments.snapshot;
    if (snapshot !== this.sizesOf) {
      this.sizesOf = snapshot;
      this.sizes = new Map(
        (snapshot?.groups ?? []).map(g => [
          lower(g.entityRef),
          g.members.length,
        ]),
      );
    }
    return this.sizes.get(team) || undefined;
  }
}
