import { Config } from '@backstage/config';
import {
  ANNOTATION_BUDGET_HOLDER,
  ANNOTATION_ON_CALL_BUDGET_HOLDER,
} from './annotations';
import { availabilityBandFor } from './availability';
import type {
  AvailabilityBand,
  OnCallConfig,
  OperatingModelConfig,
} from './config';
import { onCallLevelFor } from './model';
import { OutOfHoursLevel, ServiceAssessment } from './types';
import { isWorkingTime, teamWorkingHours } from './workingTime';

/**
 * The senior manager whose budget pays for a team's on-call (Group annotation
 * `operating-model.io/budget-holder`).
 *
 * @public
 */
export type BudgetHolder =
  | 'head-of-product'
  | 'head-of-delivery'
  | 'head-of-operations';

/**
 * Every value the `operating-model.io/budget-holder` annotation accepts.
 *
 * @public
 */
export const BUDGET_HOLDERS: readonly BudgetHolder[] = [
  'head-of-product',
  'head-of-delivery',
  'head-of-operations',
];

/**
 * The display name of each budget holder, such as `Head of Product`.
 *
 * @public
 */
export const BUDGET_HOLDER_TITLES: Record<BudgetHolder, string> = {
  'head-of-product': 'Head of Product',
  'head-of-delivery': 'Head of Delivery',
  'head-of-operations': 'Head of Operations',
};

const MS_PER_HOUR = 3_600_000;
const MS_PER_WEEK = 7 * 24 * MS_PER_HOUR;

/**
 * The budget holder of a team without its own `operating-model.io/budget-holder` annotation,
 * from `operatingModel.onCall.budgetHolder`; null when the organisation has not said. Throws,
 * naming the key, for a value that is not a budget holder, as the config reader does.
 *
 * @public
 */
export function readDefaultBudgetHolder(config: Config): BudgetHolder | null {
  const value = config.getOptional('operatingModel.onCall.budgetHolder');
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (!BUDGET_HOLDERS.includes(text as BudgetHolder)) {
    throw new Error(
      `operatingModel.onCall.budgetHolder must be one of ${BUDGET_HOLDERS.join(
        ', ',
      )}, got ${JSON.stringify(value)}`,
    );
  }
  return text as BudgetHolder;
}

/**
 * Weeks (fractional) between two instants.
 *
 * @public
 */
export function weeksBetween(from: Date, to: Date): number {
  return Math.max(0, to.getTime() - from.getTime()) / MS_PER_WEEK;
}

/**
 * Standby cost of one out-of-hours rota: one person is on standby at a time, paid per week.
 *
 * @public
 */
export function standbyCost(
  weeks: number,
  remuneration: OnCallConfig['remuneration'],
): number {
  return remuneration.standbyPerWeek * weeks;
}

/**
 * Callout cost of hours of out-of-hours incident response; nothing under `standby-only`.
 *
 * @public
 */
export function calloutCost(
  hours: number,
  remuneration: OnCallConfig['remuneration'],
): number {
  return remuneration.model === 'standby-and-callout'
    ? remuneration.calloutPerHour * hours
    : 0;
}

/**
 * What the rota counting needs to know of a service.
 *
 * @public
 */
export interface OutOfHoursServiceFacts {
  entityRef: string;
  owner: string | null;
  domain: string | null;
  /** The out-of-hours level to count the service under. */
  outOfHours: OutOfHoursLevel | null;
}

/**
 * The out-of-hours rotas a set of services needs, each with the services it covers.
 *
 * @public
 */
export interface OutOfHoursRotas {
  /** Team ref → the services its own out-of-hours rota covers. */
  team: Record<string, string[]>;
  /** Domain ref → the domain-level services its shared rota covers. */
  domain: Record<string, string[]>;
  /** Domain-level services with no Domain to share a rota in. */
  withoutDomain: string[];
}

function push(map: Record<string, string[]>, key: string, value: string) {
  (map[key] ??= []).push(value);
}

/**
 * Rules 7 and 8: the out-of-hours rotas the services need. A `team`-level service needs its
 * owning team's rota; a `domain`-level one shares its domain's rota. A domain-level service with
 * no Domain cannot share one: with `withoutDomain: 'team-rota'` its owning team covers it on
 * its own rota (what happens in practice), with `'apart'` it is only listed (what the bands
 * ask for is a domain rota, which it lacks).
 *
 * @public
 */
export function outOfHoursRotas(
  services: readonly OutOfHoursServiceFacts[],
  options: { withoutDomain: 'team-rota' | 'apart' } = {
    withoutDomain: 'team-rota',
  },
): OutOfHoursRotas {
  const rotas: OutOfHoursRotas = { team: {}, domain: {}, withoutDomain: [] };
  for (const service of services) {
    if (service.outOfHours === 'team' && service.owner) {
      push(rotas.team, service.owner, service.entityRef);
    } else if (service.outOfHours === 'domain') {
      if (service.domain) {
        push(rotas.domain, service.domain, service.entityRef);
      } else if (options.withoutDomain === 'team-rota' && service.owner) {
        push(rotas.team, service.owner, service.entityRef);
      } else {
        rotas.withoutDomain.push(service.entityRef);
      }
    }
  }
  return rotas;
}

/**
 * A service's out-of-hours level as the bands call for it (its recommended model and the band
 * of its everyday exposure) and as it is run (its declared model, where it declares one, and
 * the same band), and whether that band is the top one. Peak events are left out: they raise
 * cover for a week by design, and are not a standing cost.
 *
 * @public
 */
export function outOfHoursLevels(
  service: Pick<
    ServiceAssessment,
    'financialExposurePerHour' | 'operatingModel'
  >,
  bands: AvailabilityBand[],
): {
  calledFor: OutOfHoursLevel | null;
  inPlace: OutOfHoursLevel | null;
  topBand: boolean | null;
} {
  const exposure = service.financialExposurePerHour;
  const band =
    exposure === null ? null : availabilityBandFor(exposure, bands).band;
  const { recommended, declared } = service.operatingModel;
  const level = (model: typeof recommended) =>
    model === null ? null : onCallLevelFor(model, band).outOfHours;
  return {
    calledFor: level(recommended),
    inPlace: level(declared ?? recommended),
    topBand: band === null ? null : band === bands[bands.length - 1],
  };
}

/**
 * The linear run cost what-if (playbook: standby cost R × n, n the number of rotas).
 *
 * @public
 */
export interface LinearRunCostWhatIf {
  weeks: number;
  standbyPerWeek: number;
  /** Every team owning a service with out-of-hours cover runs its own rota. */
  linear: {
    rotas: number;
    teams: string[];
    perWeek: number;
    standbyCost: number;
  };
  /** Team rotas for team-level services only, one shared rota per domain for domain-level ones. */
  bands: {
    rotas: number;
    teamRotas: string[];
    domainRotas: string[];
    perWeek: number;
    standbyCost: number;
  };
  /** Linear less bands: what selecting schedules on exposure saves (negative where it costs more). */
  difference: number;
}

/**
 * What standby would cost if every team with a service needing out-of-hours cover ran its own
 * rota, against the rotas the bands call for. The first grows with the number of teams; the
 * second with the number of high-exposure teams and domains.
 *
 * @public
 */
export function linearRunCostWhatIf(
  services: readonly OutOfHoursServiceFacts[],
  options: { standbyPerWeek: number; weeks: number },
): LinearRunCostWhatIf {
  const { standbyPerWeek, weeks } = options;
  const covered = services.filter(
    s => s.owner && (s.outOfHours === 'team' || s.outOfHours === 'domain'),
  );
  const teams = [...new Set(covered.map(s => s.owner as string))].sort();
  const rotas = outOfHoursRotas(covered);
  const teamRotas = Object.keys(rotas.team).sort();
  const domainRotas = Object.keys(rotas.domain).sort();
  const bandRotas = teamRotas.length + domainRotas.length;
  const linearCost = standbyPerWeek * teams.length * weeks;
  const bandsCost = standbyPerWeek * bandRotas * weeks;
  return {
    weeks,
    standbyPerWeek,
    linear: {
      rotas: teams.length,
      teams,
      perWeek: standbyPerWeek * teams.length,
      standbyCost: linearCost,
    },
    bands: {
      rotas: bandRotas,
      teamRotas,
      domainRotas,
      perWeek: standbyPerWeek * bandRotas,
      standbyCost: bandsCost,
    },
    difference: linearCost - bandsCost,
  };
}

/**
 * Who pays for a rota, and how that was found out.
 *
 * @public
 */
export interface OnCallFunding {
  /** The Group whose budget holder pays: the team itself, or the Group a Domain names. */
  group: string | null;
  budgetHolder: BudgetHolder | null;
  source: 'annotation' | 'config' | 'none';
}

/**
 * One team's or domain's on-call cost over a window.
 *
 * @public
 */
export interface OnCallCostRow {
  entityRef: string;
  title: string | null;
  kind: 'team' | 'domain';
  /** The services the row is about: a team's own services, a domain's domain-level ones. */
  services: string[];
  /** True when the row runs an out-of-hours rota, so pays standby. */
  outOfHoursRota: boolean;
  /** The services its out-of-hours rota covers. */
  coveredOutOfHours: string[];
  participants: number;
  standbyCost: number;
  /** Incidents that started out of hours and paged this rota. */
  calloutIncidents: number;
  calloutHours: number;
  calloutCost: number;
  total: number;
  funding: OnCallFunding;
  problems: string[];
}

/**
 * The body of `GET /costs`.
 *
 * @public
 */
export interface OnCallCostReport {
  from: string;
  to: string;
  currency: string;
  weeks: number;
  remuneration: OnCallConfig['remuneration'];
  teams: OnCallCostRow[];
  domains: OnCallCostRow[];
  totals: { standby: number; callout: number; total: number };
  whatIf: LinearRunCostWhatIf;
}

/**
 * A Group or Domain as the cost report needs it.
 *
 * @public
 */
export interface CostEntityFacts {
  entityRef: string;
  title?: string | null;
  annotations: Record<string, string>;
}

/**
 * An incident as the cost report needs it: epoch milliseconds.
 *
 * @public
 */
export interface CostIncident {
  id: string;
  startedAt: number;
  restoredAt: number | null;
  services: string[];
}

/**
 * A service as the cost report needs it: the level in force, and the level the bands call for.
 *
 * @public
 */
export interface CostServiceFacts extends OutOfHoursServiceFacts {
  /** The level the bands call for, for the what-if; the level in force where not given. */
  calledFor?: OutOfHoursLevel | null;
}

const GROUP_REF =
  /^(?:([A-Za-z][A-Za-z0-9-]*):)?(?:([A-Za-z0-9][A-Za-z0-9._-]*)\/)?([A-Za-z0-9][A-Za-z0-9._-]*)$/;

/**
 * `budget`, `default/budget` or `group:default/budget` → `group:default/budget`, or null.
 *
 * @public
 */
export function groupRefOf(text: string): string | null {
  const match = GROUP_REF.exec(text.trim());
  if (!match) return null;
  const [, kind, namespace, name] = match;
  if (kind !== undefined && kind.toLowerCase() !== 'group') return null;
  return `group:${(
    namespace ?? 'default'
  ).toLowerCase()}/${name.toLowerCase()}`;
}

/**
 * Who funds a team's on-call: its `operating-model.io/budget-holder` annotation, else the
 * configured default. An unreadable value is a problem, and the default is used.
 *
 * @public
 */
export function teamFunding(
  group: CostEntityFacts | undefined,
  groupRef: string,
  defaultBudgetHolder: BudgetHolder | null,
): { funding: OnCallFunding; problems: string[] } {
  const raw = group?.annotations?.[ANNOTATION_BUDGET_HOLDER];
  const problems: string[] = [];
  if (raw !== undefined) {
    const value = String(raw).trim().toLowerCase();
    if (BUDGET_HOLDERS.includes(value as BudgetHolder)) {
      return {
        funding: {
          group: groupRef,
          budgetHolder: value as BudgetHolder,
          source: 'annotation',
        },
        problems,
      };
    }
    problems.push(
      `${ANNOTATION_BUDGET_HOLDER} on ${groupRef}: ${JSON.stringify(
        raw,
      )} is not a budget holder; expected ${BUDGET_HOLDERS.join(', ')}`,
    );
  }
  return {
    funding: {
      group: groupRef,
      budgetHolder: defaultBudgetHolder,
      source: defaultBudgetHolder ? 'config' : 'none',
    },
    problems,
  };
}

/**
 * Who funds a domain's out-of-hours rota: the Group its `operating-model.io/on-call-budget-holder`
 * annotation names, and that Group's budget holder.
 *
 * @public
 */
export function domainFunding(
  domain: CostEntityFacts | undefined,
  domainRef: string,
  groups: ReadonlyMap<string, CostEntityFacts>,
  defaultBudgetHolder: BudgetHolder | null,
): { funding: OnCallFunding; problems: string[] } {
  const raw = domain?.annotations?.[ANNOTATION_ON_CALL_BUDGET_HOLDER];
  const none: OnCallFunding = {
    group: null,
    budgetHolder: null,
    source: 'none',
  };
  if (raw === undefined) {
    return {
      funding: none,
      problems: [
        `${domainRef} has no ${ANNOTATION_ON_CALL_BUDGET_HOLDER} annotation, so nobody is named to fund its out-of-hours rota`,
      ],
    };
  }
  const ref = groupRefOf(String(raw));
  if (ref === null) {
    return {
      funding: none,
      problems: [
        `${ANNOTATION_ON_CALL_BUDGET_HOLDER} on ${domainRef}: ${JSON.stringify(
          raw,
        )} is not a Group; expected a name such as budget-team or a ref such as group:default/budget-team`,
      ],
    };
  }
  const group = groups.get(ref);
  if (!group) {
    return {
      funding: { group: ref, budgetHolder: null, source: 'none' },
      problems: [
        `${ANNOTATION_ON_CALL_BUDGET_HOLDER} on ${domainRef} names ${ref}, which is not a Group in the catalog`,
      ],
    };
  }
  return teamFunding(group, ref, defaultBudgetHolder);
}

/**
 * The on-call cost of every team and domain over a window.
 *
 * Standby: each out-of-hours rota (a team's own, or a domain's shared one) has one person on
 * standby at a time, so it costs `standbyPerWeek` × the weeks of the window; a rota with nobody
 * on it pays nothing and says so. Callout, under `standby-and-callout` only: each restored
 * incident that started out of hours for the owning team of a service it hit (that team's
 * working hours and the holidays), where that service has out-of-hours cover, pays
 * `calloutPerHour` × the incident's whole duration to the rota paged for it, once per rota
 * however many of its services the incident hit. Incidents still open are left out until they
 * are restored.
 *
 * @public
 */
export function onCallCosts(input: {
  window: { from: Date; to: Date };
  services: readonly CostServiceFacts[];
  groups: readonly CostEntityFacts[];
  domains: readonly CostEntityFacts[];
  /** People on each rota, by team or domain ref. */
  participants: Readonly<Record<string, number>>;
  incidents: readonly CostIncident[];
  config: OperatingModelConfig;
  defaultBudgetHolder: BudgetHolder | null;
}): OnCallCostReport {
  const { window, services, config, defaultBudgetHolder } = input;
  const { remuneration } = config.onCall;
  const weeks = weeksBetween(window.from, window.to);
  const groups = new Map(input.groups.map(g => [g.entityRef, g]));
  const domains = new Map(input.domains.map(d => [d.entityRef, d]));
  const rotas = outOfHoursRotas(services);

  const rows = new Map<string, OnCallCostRow>();
  const row = (ref: string, kind: 'team' | 'domain'): OnCallCostRow => {
    let existing = rows.get(ref);
    if (!existing) {
      const facts = kind === 'team' ? groups.get(ref) : domains.get(ref);
      const { funding, problems } =
        kind === 'team'
          ? teamFunding(facts, ref, defaultBudgetHolder)
          : domainFunding(facts, ref, groups, defaultBudgetHolder);
      existing = {
        entityRef: ref,
        title: facts?.title ?? null,
        kind,
        services: [],
        outOfHoursRota: false,
        coveredOutOfHours: [],
        participants: input.participants[ref] ?? 0,
        standbyCost: 0,
        calloutIncidents: 0,
        calloutHours: 0,
        calloutCost: 0,
        total: 0,
        funding,
        problems,
      };
      rows.set(ref, existing);
    }
    return existing;
  };

  for (const service of services) {
    if (service.owner)
      row(service.owner, 'team').services.push(service.entityRef);
  }
  for (const [team, covered] of Object.entries(rotas.team)) {
    const r = row(team, 'team');
    r.outOfHoursRota = true;
    r.coveredOutOfHours = covered;
  }
  for (const [domain, covered] of Object.entries(rotas.domain)) {
    const r = row(domain, 'domain');
    r.outOfHoursRota = true;
    r.services = covered;
    r.coveredOutOfHours = covered;
  }
  for (const r of rows.values()) {
    if (!r.outOfHoursRota) continue;
    if (r.participants === 0) {
      r.problems.push(
        'Nobody is on this out-of-hours rota, so no standby is paid and nobody answers a callout',
      );
    } else {
      r.standbyCost = standbyCost(weeks, remuneration);
    }
  }

  // The rota paged out of hours for each service, and its owning team's working hours.
  const byService = new Map(services.map(s => [s.entityRef, s]));
  const pagedRota = (service: CostServiceFacts): string | null => {
    if (service.outOfHours === 'team') return service.owner;
    if (service.outOfHours === 'domain') return service.domain ?? service.owner;
    return null;
  };
  const hoursOf = new Map<
    string,
    ReturnType<typeof teamWorkingHours>['hours']
  >();
  const workingHoursOf = (team: string) => {
    let hours = hoursOf.get(team);
    if (!hours) {
      hours = teamWorkingHours(
        groups.get(team)?.annotations ?? {},
        config,
      ).hours;
      hoursOf.set(team, hours);
    }
    return hours;
  };

  for (const incident of input.incidents) {
    if (
      incident.restoredAt === null ||
      incident.restoredAt <= incident.startedAt
    )
      continue;
    const hours = (incident.restoredAt - incident.startedAt) / MS_PER_HOUR;
    const paged = new Set<string>();
    for (const ref of incident.services) {
      const service = byService.get(ref);
      if (!service?.owner) continue;
      const rota = pagedRota(service);
      if (!rota) continue;
      const start = new Date(incident.startedAt);
      if (isWorkingTime(start, workingHoursOf(service.owner), config.holidays))
        continue;
      paged.add(rota);
    }
    for (const rota of paged) {
      const r = rows.get(rota);
      if (!r) continue;
      r.calloutIncidents += 1;
      r.calloutHours += hours;
    }
  }

  for (const r of rows.values()) {
    r.calloutCost = calloutCost(r.calloutHours, remuneration);
    r.total = r.standbyCost + r.calloutCost;
    r.services.sort();
    r.coveredOutOfHours.sort();
  }

  const sorted = [...rows.values()].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
  const teams = sorted.filter(r => r.kind === 'team');
  const domainRows = sorted.filter(r => r.kind === 'domain');
  const sum = (pick: (r: OnCallCostRow) => number) =>
    sorted.reduce((s, r) => s + pick(r), 0);
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    currency: config.currency,
    weeks,
    remuneration: { ...remuneration },
    teams,
    domains: domainRows,
    totals: {
      standby: sum(r => r.standbyCost),
      callout: sum(r => r.calloutCost),
      total: sum(r => r.total),
    },
    whatIf: linearRunCostWhatIf(
      services.map(s => ({
        ...s,
        outOfHours: s.calledFor === undefined ? s.outOfHours : s.calledFor,
      })),
      { standbyPerWeek: remuneration.standbyPerWeek, weeks },
    ),
  };
}
