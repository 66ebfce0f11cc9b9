import { DateTime } from 'luxon';
import { availabilityBandFor, formatAvailability } from './availability';
import type { AvailabilityBand } from './config';
import { apportionLoss } from './measures';
import { formatMoney } from './money';
import {
  ComponentDependencies,
  ResourceUse,
  sharedDatabases,
} from './ownership';
import {
  BudgetHolder,
  BUDGET_HOLDER_TITLES,
  outOfHoursRotas,
} from './onCallCost';
import { OutOfHoursLevel, ServiceClass } from './types';

/*
 * Rule 12: signs that the organisation is falling into one of the playbook's pitfalls, as pure
 * detectors over figures the backend gathers. Each names the practice that avoids the pitfall,
 * and each finding carries the evidence a leader needs to check it for themselves.
 */

/**
 * The playbook pitfalls that the rule 12 detectors look for.
 *
 * @public
 */
export type PitfallCode =
  | 'linear-run-cost'
  | 'responsible-but-unaccountable'
  | 'limited-on-call-schedule'
  | 'excessive-bau'
  | 'change-management-treacle'
  | 'bands-not-reviewed'
  | 'losses-above-exposure'
  | 'shared-database';

/**
 * One place where a pitfall shows.
 *
 * @public
 */
export interface PitfallFinding {
  team?: string;
  service?: string;
  domain?: string;
  resource?: string;
  evidence: string;
}

/**
 * One pitfall and where it shows; no findings means it was looked for and not seen.
 *
 * @public
 */
export interface PitfallReport {
  pitfall: PitfallCode;
  title: string;
  /** The playbook practice that avoids it. */
  practice: string;
  findings: PitfallFinding[];
}

const TITLES: Record<PitfallCode, string> = {
  'linear-run-cost': 'Linear run cost',
  'responsible-but-unaccountable': 'Responsible but unaccountable',
  'limited-on-call-schedule': 'Limited on-call schedule',
  'excessive-bau': 'Excessive BAU',
  'change-management-treacle': 'Change management treacle',
  'bands-not-reviewed': 'Exposure bands not reviewed this quarter',
  'losses-above-exposure': 'Incident losses above the declared exposure',
  'shared-database': 'Database shared between services',
};

const PRACTICES: Record<PitfallCode, string> = {
  'linear-run-cost':
    'Choose availability targets, and with them out-of-hours schedules, from financial exposure: ' +
    'only high-exposure services get a team rota of their own, the middle band shares one rota per domain, ' +
    'and low-exposure services wait for working hours. Standby then grows with what is at stake, not with the number of teams.',
  'responsible-but-unaccountable':
    'Hold the product budget holder (Head of Product or Head of Delivery) accountable for the reliability of digital services, ' +
    'and pay their on-call from the product team budget, so whoever chooses a target also pays for the cover it needs.',
  'limited-on-call-schedule':
    'Build a rota people can sustain: prepare them for on-call from the first day, pay fairly for standby and callouts, ' +
    'make services quick to fix, and keep enough people on each rota that nobody is on call too often. ' +
    'Respect those who opt out; count them, never ask why.',
  'excessive-bau':
    'Track unplanned operational work like planned work, and reduce it: design services to degrade gracefully, ' +
    'automate deployments end to end so failures are rare and quick to undo, and automate dashboards and alerts.',
  'change-management-treacle':
    'Agree pre-approved (standard) changes for low-risk, repeatable deployments with the change managers, ' +
    'and let the pipeline record every change for audit, so most deployments need no approval meeting.',
  'bands-not-reviewed':
    'At least once a quarter, compare recent incident losses with the financial exposure bands and availability levels, ' +
    'and change the bands or the services’ exposures where the money says so.',
  'losses-above-exposure':
    'Revisit the service’s financial exposure with its product manager: incidents losing more per hour than declared mean ' +
    'its availability target and out-of-hours cover may be too low.',
  'shared-database':
    'Give every database a single owning service, the only one that reads and writes it; other services use that service’s API.',
};

function report(
  pitfall: PitfallCode,
  findings: PitfallFinding[],
): PitfallReport {
  return {
    pitfall,
    title: TITLES[pitfall],
    practice: PRACTICES[pitfall],
    findings,
  };
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function list(refs: readonly string[]): string {
  return refs.join(', ');
}

/**
 * A service as the linear run cost detector sees it (see `outOfHoursLevels`).
 *
 * @public
 */
export interface RunCostServiceFacts {
  entityRef: string;
  owner: string | null;
  domain: string | null;
  /** The out-of-hours level the bands call for. */
  calledFor: OutOfHoursLevel | null;
  /** The out-of-hours level the service is run under (its declared model respected). */
  inPlace: OutOfHoursLevel | null;
  /** Whether its exposure is in the top band; null when the exposure is unknown. */
  topBand: boolean | null;
}

/**
 * Above this share of services in the top band, the bands are not doing their job.
 *
 * @public
 */
export const DEFAULT_TOP_BAND_SHARE = 0.5;

/**
 * Linear run cost: standby grows with the number of teams. Shown by team rotas run out of hours
 * that the bands do not call for (a declared model that asks for more cover than the band, or a
 * domain-level service with no Domain to share a rota in), and by more than `topBandShare` of the
 * services with a known exposure sitting in the top band, where every owning team needs its own
 * rota. Evidence gives the cost of each extra rota per week.
 *
 * @public
 */
export function detectLinearRunCost(input: {
  services: readonly RunCostServiceFacts[];
  standbyPerWeek: number;
  currency: string;
  topBandShare?: number;
}): PitfallReport {
  const { services, standbyPerWeek, currency } = input;
  const threshold = input.topBandShare ?? DEFAULT_TOP_BAND_SHARE;
  const inPlace = outOfHoursRotas(
    services.map(s => ({ ...s, outOfHours: s.inPlace })),
    { withoutDomain: 'team-rota' },
  );
  const calledFor = outOfHoursRotas(
    services.map(s => ({ ...s, outOfHours: s.calledFor })),
    { withoutDomain: 'apart' },
  );
  const findings: PitfallFinding[] = [];
  const perWeek = formatMoney(standbyPerWeek, currency);
  const byService = new Map(services.map(s => [s.entityRef, s]));
  for (const team of Object.keys(inPlace.team).sort()) {
    if (calledFor.team[team]) continue;
    const covered = inPlace.team[team];
    const why = covered.map(ref => {
      const s = byService.get(ref)!;
      if (s.inPlace === 'domain' && !s.domain) {
        return `${ref} needs a domain rota but has no Domain, so the team covers it alone`;
      }
      return `${ref} is run with ${
        s.inPlace
      } cover out of hours where its band calls for ${
        s.calledFor ?? 'an unknown level'
      }`;
    });
    findings.push({
      team,
      evidence: `Runs its own out-of-hours rota the bands do not call for, at ${perWeek} a week: ${why.join(
        '; ',
      )}`,
    });
  }
  const known = services.filter(s => s.topBand !== null);
  const top = known.filter(s => s.topBand);
  if (known.length > 0 && top.length / known.length > threshold) {
    findings.push({
      evidence:
        `${top.length} of ${plural(
          known.length,
          'service',
        )} with a known exposure (${percent(top.length / known.length)}) ` +
        `are in the top band, above the ${percent(
          threshold,
        )} expected, so most owning teams need a rota of their own: ${list(
          top.map(s => s.entityRef),
        )}`,
    });
  }
  return report('linear-run-cost', findings);
}

/**
 * A service as the responsible-but-unaccountable detector sees it.
 *
 * @public
 */
export interface AccountabilityServiceFacts {
  entityRef: string;
  owner: string | null;
  serviceClass: ServiceClass | null;
  /** The out-of-hours level in force. */
  outOfHours: OutOfHoursLevel | null;
  /** Who funds the rota that covers it out of hours, where known. */
  funding: { group: string | null; budgetHolder: BudgetHolder | null } | null;
  /** The declared exposure per hour. */
  exposurePerHour: number | null;
  /** Money lost per hour in each incident with a recorded loss (see `recordedLossRates`). */
  lossRates: readonly number[];
}

/**
 * How many incidents with a recorded loss it takes before their losses are held against an
 * exposure.
 *
 * @public
 */
export const DEFAULT_MIN_INCIDENTS_FOR_INFLATION = 2;

/**
 * Responsible but unaccountable. Two signs:
 * - a digital service with out-of-hours cover whose rota is funded by the Head of Operations
 *   (a team's `operating-model.io/budget-holder`, or for a domain rota the budget holder of the
 *   Group the Domain names), so the product side does not pay for the cover it chooses;
 * - an inflated target. No annotation declares a target outright: the target follows from the
 *   declared exposure. So the data that shows an inflated one is the service's own incidents:
 *   when at least `minIncidents` incidents have a recorded loss, and even the worst of them lost
 *   money at a rate the bands would put in a band with a lower availability than the declared
 *   exposure's band, the exposure (and with it the target and on-call level) looks inflated.
 *
 * @public
 */
export function detectResponsibleButUnaccountable(input: {
  services: readonly AccountabilityServiceFacts[];
  bands: AvailabilityBand[];
  currency: string;
  minIncidents?: number;
}): PitfallReport {
  const { services, bands, currency } = input;
  const minIncidents =
    input.minIncidents ?? DEFAULT_MIN_INCIDENTS_FOR_INFLATION;
  const money = (v: number) => formatMoney(v, currency);
  const findings: PitfallFinding[] = [];
  for (const s of services) {
    const covered = s.outOfHours === 'team' || s.outOfHours === 'domain';
    if (
      s.serviceClass === 'digital-service' &&
      covered &&
      s.funding?.budgetHolder === 'head-of-operations'
    ) {
      findings.push({
        service: s.entityRef,
        ...(s.owner ? { team: s.owner } : {}),
        evidence:
          `A digital service with ${s.outOfHours} cover out of hours, funded by the ` +
          `${BUDGET_HOLDER_TITLES['head-of-operations']}${
            s.funding.group ? ` through ${s.funding.group}` : ''
          }`,
      });
    }
  }
  for (const s of services) {
    if (s.exposurePerHour === null || s.lossRates.length < minIncidents)
      continue;
    const declared = availabilityBandFor(s.exposurePerHour, bands).band;
    const worst = Math.max(...s.lossRates);
    const byLosses = availabilityBandFor(worst, bands).band;
    if (byLosses.availability < declared.availability) {
      findings.push({
        service: s.entityRef,
        ...(s.owner ? { team: s.owner } : {}),
        evidence:
          `Inflated target: the worst of its ${
            s.lossRates.length
          } incidents with a recorded loss lost ${money(worst)} an hour, ` +
          `which the bands put at ${formatAvailability(
            byLosses.availability,
          )} (${byLosses.outOfHours} out of hours), ` +
          `below the ${formatAvailability(declared.availability)} (${
            declared.outOfHours
          } out of hours) its declared exposure of ` +
          `${money(s.exposurePerHour)} an hour gives`,
      });
    }
  }
  return report('responsible-but-unaccountable', findings);
}

/**
 * A rota as the limited on-call schedule detector sees it.
 *
 * @public
 */
export interface RotaSizeFacts {
  rotaRef: string;
  kind: 'team' | 'domain';
  participants: number;
  /** Counted only; who and why are never asked. */
  optedOutCount: number;
  /** Whether the rota covers any service out of hours. */
  outOfHours: boolean;
}

/**
 * Limited on-call schedule: a rota with fewer people than `minimumParticipants`.
 *
 * @public
 */
export function detectLimitedOnCallSchedule(input: {
  rotas: readonly RotaSizeFacts[];
  minimumParticipants: number;
}): PitfallReport {
  const findings = input.rotas
    .filter(r => r.participants < input.minimumParticipants)
    .map(r => {
      const where =
        r.kind === 'team' ? { team: r.rotaRef } : { domain: r.rotaRef };
      const optedOut =
        r.optedOutCount > 0
          ? ` (${plural(r.optedOutCount, 'person', 'people')} opted out)`
          : '';
      return {
        ...where,
        evidence: `${plural(r.participants, 'person', 'people')} on the ${
          r.kind
        } rota${optedOut}, fewer than the ${
          input.minimumParticipants
        } a sustainable schedule needs${
          r.outOfHours ? ', and it covers services out of hours' : ''
        }`,
      };
    });
  return report('limited-on-call-schedule', findings);
}

/**
 * The rework rate above which a team is flagged.
 *
 * @public
 */
export const DEFAULT_REWORK_THRESHOLD = 0.3;

/**
 * Excessive BAU: a team spends more than `threshold` of its time on unplanned operational work.
 *
 * @public
 */
export function detectExcessiveBau(input: {
  teams: ReadonlyArray<{
    team: string;
    reworkRate: number | null;
    weeks: number;
  }>;
  threshold?: number;
}): PitfallReport {
  const threshold = input.threshold ?? DEFAULT_REWORK_THRESHOLD;
  const findings = input.teams
    .filter(t => t.reworkRate !== null && t.reworkRate > threshold)
    .map(t => ({
      team: t.team,
      evidence: `${percent(
        t.reworkRate!,
      )} of the team's time went on unplanned operational work over ${plural(
        t.weeks,
        'week',
      )} with records, above the ${percent(threshold)} threshold`,
    }));
  return report('excessive-bau', findings);
}

/**
 * A team as the change management treacle detector sees it.
 *
 * @public
 */
export interface ChangeFacts {
  team: string;
  /** Its services with deployments in the window that fall short of their deployment target. */
  servicesUnderTarget: ReadonlyArray<{
    entityRef: string;
    target: string | null;
  }>;
  /** The team's production deployments in the window, and how many were standard changes. */
  deployments: number;
  standardChanges: number;
  /** Services whose `operating-model.io/pre-approved-changes` annotation says `true`. */
  declaredTemplates: readonly string[];
}

/**
 * Change management treacle: services under their deployment target while none of the team's
 * deployments went out as a pre-approved (standard) change. A template declared in an
 * annotation but never used does not count as pre-approval; it is mentioned in the evidence.
 *
 * @public
 */
export function detectChangeManagementTreacle(input: {
  teams: readonly ChangeFacts[];
}): PitfallReport {
  const findings: PitfallFinding[] = [];
  for (const t of input.teams) {
    if (t.servicesUnderTarget.length === 0 || t.standardChanges > 0) continue;
    const under = t.servicesUnderTarget.map(
      s => `${s.entityRef}${s.target ? ` (target ${s.target})` : ''}`,
    );
    const declared =
      t.declaredTemplates.length > 0
        ? `; ${list(t.declaredTemplates)} declare${
            t.declaredTemplates.length === 1 ? 's' : ''
          } a pre-approved change template, but none was used`
        : '';
    findings.push({
      team: t.team,
      evidence:
        `Under their deployment target: ${list(
          under,
        )}; none of the team's ${plural(
          t.deployments,
          'production deployment',
        )} ` + `was a pre-approved change${declared}`,
    });
  }
  return report('change-management-treacle', findings);
}

/**
 * The day a review of the bands falls due: a quarter (three calendar months) after the last one.
 *
 * @public
 */
export function bandsReviewDue(
  bandsLastReviewed: string | null,
): string | null {
  if (bandsLastReviewed === null) return null;
  return DateTime.fromISO(bandsLastReviewed, { zone: 'utc' })
    .plus({ months: 3 })
    .toFormat('yyyy-MM-dd');
}

/**
 * Bands not reviewed for more than a quarter (`bandsLastReviewed`), or never recorded. The day
 * the review falls due is still in time; the day after, it is late. Days are read in `timezone`.
 *
 * @public
 */
export function detectBandsNotReviewed(input: {
  bandsLastReviewed: string | null;
  now: Date;
  timezone?: string;
}): PitfallReport {
  const today = DateTime.fromJSDate(input.now, {
    zone: input.timezone ?? 'utc',
  }).toFormat('yyyy-MM-dd');
  const due = bandsReviewDue(input.bandsLastReviewed);
  if (due === null) {
    return report('bands-not-reviewed', [
      {
        evidence:
          'No review of the financial exposure bands is recorded; set operatingModel.bandsLastReviewed when they are next reviewed',
      },
    ]);
  }
  if (today <= due) return report('bands-not-reviewed', []);
  return report('bands-not-reviewed', [
    {
      evidence: `The bands were last reviewed on ${input.bandsLastReviewed}; the quarterly review was due on ${due}`,
    },
  ]);
}

/**
 * An incident as the loss-rate reading needs it: epoch milliseconds.
 *
 * @public
 */
export interface LossIncident {
  id: string | number;
  startedAt: number;
  restoredAt: number | null;
  financialLoss: number | null;
  services: readonly string[];
}

/**
 * Money lost per hour in each restored incident with a recorded loss, by service: the loss is
 * shared between the services hit in proportion to their exposure (as in financial loss
 * protection) and divided by the incident's hours.
 *
 * @public
 */
export function recordedLossRates(
  incidents: readonly LossIncident[],
  exposureOf: (service: string) => number | null,
): Map<string, Array<{ incident: string; lossPerHour: number }>> {
  const rates = new Map<
    string,
    Array<{ incident: string; lossPerHour: number }>
  >();
  for (const incident of incidents) {
    if (incident.financialLoss === null || incident.restoredAt === null)
      continue;
    const hours = (incident.restoredAt - incident.startedAt) / 3_600_000;
    if (!(hours > 0) || incident.services.length === 0) continue;
    const exposures = incident.services.map(s => exposureOf(s) ?? 0);
    const shares = apportionLoss(incident.financialLoss, exposures);
    incident.services.forEach((service, index) => {
      const serviceRates = rates.get(service) ?? [];
      serviceRates.push({
        incident: String(incident.id),
        lossPerHour: shares[index] / hours,
      });
      rates.set(service, serviceRates);
    });
  }
  return rates;
}

/**
 * One service's recent incident losses held against its declared exposure.
 *
 * @public
 */
export interface LossReflection {
  entityRef: string;
  owner: string | null;
  exposurePerHour: number | null;
  availabilityTarget: number | null;
  incidents: number;
  worstLossPerHour: number;
  /** The band the worst loss rate falls in. */
  bandForLosses: { availability: number; outOfHours: OutOfHoursLevel };
  exceedsExposure: boolean;
}

/**
 * The quarterly reflection: when the bands were reviewed, and recent losses against exposures.
 *
 * @public
 */
export interface QuarterlyReflection {
  bandsLastReviewed: string | null;
  reviewDue: string | null;
  overdue: boolean;
  services: LossReflection[];
}

/**
 * Recent losses of every service that has any, worst loss rate against its declared exposure.
 *
 * @public
 */
export function lossReflections(input: {
  services: ReadonlyArray<{
    entityRef: string;
    owner: string | null;
    exposurePerHour: number | null;
    availabilityTarget: number | null;
    lossRates: readonly number[];
  }>;
  bands: AvailabilityBand[];
}): LossReflection[] {
  return input.services
    .filter(s => s.lossRates.length > 0)
    .map(s => {
      const worst = Math.max(...s.lossRates);
      const band = availabilityBandFor(worst, input.bands).band;
      return {
        entityRef: s.entityRef,
        owner: s.owner,
        exposurePerHour: s.exposurePerHour,
        availabilityTarget: s.availabilityTarget,
        incidents: s.lossRates.length,
        worstLossPerHour: worst,
        bandForLosses: {
          availability: band.availability,
          outOfHours: band.outOfHours,
        },
        exceedsExposure:
          s.exposurePerHour !== null && worst > s.exposurePerHour,
      };
    })
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}

/**
 * Services whose incidents lost more per hour than their declared exposure: the quarterly
 * reflection's question of whether new financial data calls for a new exposure or new bands.
 *
 * @public
 */
export function detectLossesAboveExposure(input: {
  reflections: readonly LossReflection[];
  currency: string;
}): PitfallReport {
  const money = (v: number) => formatMoney(v, input.currency);
  const findings = input.reflections
    .filter(r => r.exceedsExposure)
    .map(r => {
      const raises =
        r.availabilityTarget !== null &&
        r.bandForLosses.availability > r.availabilityTarget
          ? `, which the bands put at ${formatAvailability(
              r.bandForLosses.availability,
            )} against its target of ${formatAvailability(
              r.availabilityTarget,
            )}`
          : '';
      return {
        service: r.entityRef,
        ...(r.owner ? { team: r.owner } : {}),
        evidence:
          `The worst of its ${plural(
            r.incidents,
            'incident',
          )} with a recorded loss lost ${money(r.worstLossPerHour)} an hour, ` +
          `above its declared exposure of ${money(
            r.exposurePerHour!,
          )} an hour${raises}`,
      };
    });
  return report('losses-above-exposure', findings);
}

/**
 * Shared database: a Resource of type `database` that more than one Component uses, read from
 * both sides as the ownership rules read it (`sharedDatabases`), so the directory and this view
 * agree.
 *
 * @public
 */
export function detectSharedDatabases(input: {
  resources: readonly ResourceUse[];
  components?: readonly ComponentDependencies[];
}): PitfallReport {
  const findings = sharedDatabases(input.resources, input.components ?? []).map(
    d => ({
      resource: d.database,
      evidence: `${d.usedBy.length} services depend on this database: ${list(
        d.usedBy,
      )}`,
    }),
  );
  return report('shared-database', findings);
}

/**
 * The body of `GET /pitfalls`.
 *
 * @public
 */
export interface PitfallsAnswer {
  from: string;
  to: string;
  at: string;
  currency: string;
  pitfalls: PitfallReport[];
  reflection: QuarterlyReflection;
}
