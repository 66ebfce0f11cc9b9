import {
  AssessedService,
  BudgetHolder,
  CostServiceFacts,
  OnCallCostReport,
  OperatingModelConfig,
  onCallCosts,
  outOfHoursLevels,
} from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { OrgSnapshot } from '../catalog/readOrgSnapshot';
import { EventStore } from '../events/EventStore';
import { RotaService } from '../rotas/RotaService';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** A window of the leaders' figures: `from` included, `to` excluded. */
export interface LeadersWindow {
  from: Date;
  to: Date;
}

export interface LeadersSources {
  assessments: ServiceAssessments;
  rotas: RotaService;
  eventStore: EventStore;
  config: OperatingModelConfig;
  /** `operatingModel.onCall.budgetHolder`: who funds a team without its own annotation. */
  defaultBudgetHolder: BudgetHolder | null;
  now: () => Date;
}

/**
 * The instant whose assessments stand for a window: its end, or now for a window still open,
 * as the measures take it.
 */
export function assessedAt(window: LeadersWindow, now: Date): Date {
  return new Date(Math.min(window.to.getTime() - 1, now.getTime()));
}

/** The services as the cost and pitfall rules take them, refs lower-cased as events store them. */
export function costServices(
  assessed: AssessedService[],
  config: OperatingModelConfig,
): CostServiceFacts[] {
  return assessed.map(a => ({
    entityRef: lower(a.entityRef),
    owner: a.owner ? lower(a.owner) : null,
    domain: a.domain ? lower(a.domain) : null,
    outOfHours: a.onCall.outOfHours,
    calledFor: outOfHoursLevels(a, config.availabilityBands).calledFor,
  }));
}

/** Groups and Domains with their annotations and titles. */
export function costEntities(snapshot: OrgSnapshot | undefined) {
  const title = (ref: string) => snapshot?.titles.get(ref) ?? null;
  return {
    groups: (snapshot?.groups ?? []).map(g => ({
      entityRef: lower(g.entityRef),
      title: title(g.entityRef),
      annotations: g.annotations,
    })),
    domains: (snapshot?.domains ?? []).map(d => ({
      entityRef: lower(d.entityRef),
      title: title(d.entityRef),
      annotations: d.annotations,
    })),
  };
}

/**
 * `GET /costs`: standby and callout cost per team and per domain over a window, who funds each,
 * and the linear run cost what-if. The out-of-hours levels are those in force at the end of the
 * window; callouts come from the incidents in the event store that started in the window.
 */
export class OnCallCosts {
  constructor(private readonly sources: LeadersSources) {}

  async report(window: LeadersWindow): Promise<OnCallCostReport> {
    const { assessments, rotas, eventStore, config, defaultBudgetHolder } =
      this.sources;
    const now = this.sources.now();
    const services = costServices(
      assessments.list(assessedAt(window, now)),
      config,
    );
    const { groups, domains } = costEntities(assessments.snapshot);

    const participants: Record<string, number> = {};
    const rotaRefs = new Set([
      ...services.flatMap(s => (s.owner ? [s.owner] : [])),
      ...services.flatMap(s =>
        s.domain && s.outOfHours === 'domain' ? [s.domain] : [],
      ),
    ]);
    for (const ref of rotaRefs) {
      participants[ref] = rotas.definition(ref, now)?.participants.length ?? 0;
    }

    const incidents = await eventStore.incidents({
      from: window.from.getTime(),
      to: window.to.getTime(),
    });
    return onCallCosts({
      window,
      services,
      groups,
      domains,
      participants,
      incidents: incidents.map(i => ({
        id: String(i.id),
        startedAt: i.startedAt,
        restoredAt: i.restoredAt,
        services: i.services,
      })),
      config,
      defaultBudgetHolder,
    });
  }
}
