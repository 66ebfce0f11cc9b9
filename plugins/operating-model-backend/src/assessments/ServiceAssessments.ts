import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AssessedService,
  OperatingModelConfig,
  assessService,
  nextPeakEvent,
  peakEventAt,
} from '@operating-model/backstage-plugin-operating-model-common';
import { OrgSnapshot } from '../catalog/readOrgSnapshot';
import { indexInSlices } from '../catalog/snapshotIndex';
import { runInSlices, runToEnd } from '../lib/slices';

/**
 * Keeps every service's assessment in memory and answers from it.
 *
 * An assessment changes with time only when a peak event starts or ends, so assessments are
 * cached per peak phase (the events on at an instant, and the next one to come): every request
 * between two peak boundaries is answered from the same computed list, and `?at=` for another
 * instant costs one computation per phase, not one per request. A new snapshot from the catalog
 * drops the cache.
 */
export class ServiceAssessments {
  private currentSnapshot: OrgSnapshot | undefined;
  private readonly byPhase = new Map<string, Map<string, AssessedService>>();
  private readonly domainTeamsByPhase = new Map<
    string,
    Map<string, string[]>
  >();

  constructor(
    private readonly config: OperatingModelConfig,
    private readonly logger: LoggerService,
  ) {}

  get lastRefreshed(): Date | undefined {
    return this.currentSnapshot?.readAt;
  }

  /** The catalog snapshot the assessments come from, for the rotas. */
  get snapshot(): OrgSnapshot | undefined {
    return this.currentSnapshot;
  }

  get serviceCount(): number {
    return this.currentSnapshot?.services.length ?? 0;
  }

  replaceSnapshot(snapshot: OrgSnapshot) {
    this.currentSnapshot = snapshot;
    this.byPhase.clear();
    this.domainTeamsByPhase.clear();
    this.logger.info(
      `Assessed operating models from a catalog snapshot of ${snapshot.services.length} services`,
    );
  }

  /**
   * Replaces the snapshot once every service in it is assessed for `at`, the assessing done in
   * slices so requests are answered meanwhile (from the previous snapshot); the scheduled read's way.
   */
  async replaceSnapshotInSlices(snapshot: OrgSnapshot, at: Date) {
    const assessed = await runInSlices(assessSteps(snapshot, this.config, at));
    const domainTeams = await runInSlices(domainTeamsSteps(assessed.values()));
    await indexInSlices(snapshot);
    this.replaceSnapshot(snapshot);
    const key = this.phaseKey(at);
    this.byPhase.set(key, assessed);
    this.domainTeamsByPhase.set(key, domainTeams);
  }

  list(at: Date): AssessedService[] {
    return [...this.phase(at).values()];
  }

  get(entityRef: string, at: Date): AssessedService | undefined {
    return this.phase(at).get(entityRef.toLocaleLowerCase('en-US'));
  }

  /**
   * For each domain, the teams owning a service whose out-of-hours level is `domain` at `at`:
   * the teams a domain rota draws from (rule 8). Kept per peak phase like the assessments.
   */
  domainRotaTeams(at: Date): Map<string, string[]> {
    const key = this.phaseKey(at);
    let teams = this.domainTeamsByPhase.get(key);
    if (!teams) {
      teams = runToEnd(domainTeamsSteps(this.phase(at).values()));
      if (this.domainTeamsByPhase.size >= 16) this.domainTeamsByPhase.clear();
      this.domainTeamsByPhase.set(key, teams);
    }
    return teams;
  }

  private phaseKey(at: Date): string {
    const events = this.config.peakEvents;
    const on = peakEventAt(events, at);
    const next = nextPeakEvent(events, at);
    return JSON.stringify([
      on?.name ?? null,
      on?.start ?? null,
      next?.name ?? null,
      next?.start ?? null,
    ]);
  }

  private phase(at: Date): Map<string, AssessedService> {
    const key = this.phaseKey(at);
    let assessed = this.byPhase.get(key);
    if (!assessed) {
      assessed = this.assessAll(at);
      // Only a handful of phases are ever asked for; keep the cache from growing without bound.
      if (this.byPhase.size >= 16) this.byPhase.clear();
      this.byPhase.set(key, assessed);
    }
    return assessed;
  }

  private assessAll(at: Date): Map<string, AssessedService> {
    const snapshot = this.currentSnapshot;
    if (!snapshot) return new Map();
    return runToEnd(assessSteps(snapshot, this.config, at));
  }
}

/** Rule 8's teams for each domain from the assessed services, a service at a step. */
function* domainTeamsSteps(
  assessed: Iterable<AssessedService>,
): Generator<void, Map<string, string[]>> {
  const sets = new Map<string, Set<string>>();
  for (const service of assessed) {
    yield;
    if (
      service.domain &&
      service.owner &&
      service.onCall.outOfHours === 'domain'
    ) {
      if (!sets.has(service.domain)) sets.set(service.domain, new Set());
      sets.get(service.domain)!.add(service.owner);
    }
  }
  return new Map(
    [...sets].map(([domain, owners]) => [domain, [...owners].sort()]),
  );
}

/** Every service of a snapshot assessed at an instant, by lower-case ref, a service at a step. */
function* assessSteps(
  snapshot: OrgSnapshot,
  config: OperatingModelConfig,
  at: Date,
): Generator<void, Map<string, AssessedService>> {
  const result = new Map<string, AssessedService>();
  const title = (ref: string | null) =>
    ref ? snapshot.titles.get(ref) ?? null : null;
  for (const facts of snapshot.services) {
    yield;
    const assessment = assessService(facts, config, at);
    result.set(facts.entityRef.toLocaleLowerCase('en-US'), {
      ...assessment,
      titles: {
        service: title(facts.entityRef) ?? facts.entityRef,
        owner: title(assessment.owner),
        domain: title(assessment.domain),
        system: title(assessment.system),
      },
    });
  }
  return result;
}
