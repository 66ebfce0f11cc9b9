import {
  AccountabilityServiceFacts,
  ChangeFacts,
  DEFAULT_REWORK_THRESHOLD,
  DEFAULT_TOP_BAND_SHARE,
  PitfallsAnswer,
  RotaSizeFacts,
  bandsReviewDue,
  detectBandsNotReviewed,
  detectChangeManagementTreacle,
  detectExcessiveBau,
  detectLimitedOnCallSchedule,
  detectLinearRunCost,
  detectLossesAboveExposure,
  detectResponsibleButUnaccountable,
  detectSharedDatabases,
  domainFunding,
  lossReflections,
  outOfHoursLevels,
  outOfHoursRotas,
  recordedLossRates,
  teamFunding,
} from '@operating-model/backstage-plugin-operating-model-common';
import { MeasuresService } from '../measures/MeasuresService';
import {
  LeadersSources,
  LeadersWindow,
  assessedAt,
  costEntities,
  costServices,
} from './OnCallCosts';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * `GET /pitfalls`: gathers what each of rule 12's detectors needs (assessments, rotas, the
 * teams' measures, incidents with recorded losses, Resources) and runs them, with the quarterly
 * reflection of recent losses against exposures. Thresholds are the common package's defaults
 * unless given.
 */
export class PitfallSignals {
  constructor(
    private readonly sources: LeadersSources & { measures: MeasuresService },
    private readonly thresholds: {
      topBandShare?: number;
      reworkRate?: number;
    } = {},
  ) {}

  async report(window: LeadersWindow): Promise<PitfallsAnswer> {
    const {
      assessments,
      rotas,
      eventStore,
      measures,
      config,
      defaultBudgetHolder,
    } = this.sources;
    const now = this.sources.now();
    const at = assessedAt(window, now);
    const assessed = assessments.list(at);
    const services = costServices(assessed, config);
    const snapshot = assessments.snapshot;
    const { groups, domains } = costEntities(snapshot);
    const groupsByRef = new Map(groups.map(g => [g.entityRef, g]));
    const domainsByRef = new Map(domains.map(d => [d.entityRef, d]));
    const { currency } = config;

    const linear = detectLinearRunCost({
      services: assessed.map((a, i) => ({
        ...services[i],
        ...outOfHoursLevels(a, config.availabilityBands),
      })),
      standbyPerWeek: config.onCall.remuneration.standbyPerWeek,
      currency,
      topBandShare: this.thresholds.topBandShare ?? DEFAULT_TOP_BAND_SHARE,
    });

    const incidents = await eventStore.incidents({
      from: window.from.getTime(),
      to: window.to.getTime(),
    });
    const exposures = new Map(
      services.map((s, i) => [
        s.entityRef,
        assessed[i].financialExposurePerHour,
      ]),
    );
    const rates = recordedLossRates(
      incidents,
      service => exposures.get(service) ?? null,
    );
    const lossRatesOf = (ref: string) =>
      (rates.get(ref) ?? []).map(r => r.lossPerHour);

    const inForce = outOfHoursRotas(services);
    const accountability: AccountabilityServiceFacts[] = assessed.map(
      (a, i) => {
        const s = services[i];
        let funding: AccountabilityServiceFacts['funding'] = null;
        if (s.outOfHours === 'domain' && s.domain) {
          funding = domainFunding(
            domainsByRef.get(s.domain),
            s.domain,
            groupsByRef,
            defaultBudgetHolder,
          ).funding;
        } else if (s.owner) {
          funding = teamFunding(
            groupsByRef.get(s.owner),
            s.owner,
            defaultBudgetHolder,
          ).funding;
        }
        return {
          entityRef: s.entityRef,
          owner: s.owner,
          serviceClass: a.serviceClass,
          outOfHours: s.outOfHours,
          funding,
          exposurePerHour: a.financialExposurePerHour,
          lossRates: lossRatesOf(s.entityRef),
        };
      },
    );

    // Only rotas that cover a service: a team Group that owns none has nobody to page.
    const owners = new Set(services.flatMap(s => (s.owner ? [s.owner] : [])));
    const rotaSizes: RotaSizeFacts[] = [];
    if (snapshot) {
      for (const ref of rotas.rotaRefs(now).map(lower)) {
        const kind = ref.startsWith('domain:') ? 'domain' : 'team';
        if (kind === 'team' && !owners.has(ref)) continue;
        const def = rotas.definition(ref, now);
        if (!def) continue;
        rotaSizes.push({
          rotaRef: ref,
          kind,
          participants: def.participants.length,
          optedOutCount: def.optedOutCount,
          outOfHours: kind === 'domain' || ref in inForce.team,
        });
      }
    }

    const leaders = await measures.leaders('team', window);
    const declaredTemplates = (team: string) =>
      assessed
        .filter(
          a =>
            a.owner &&
            lower(a.owner) === team &&
            a.practices.preApprovedChanges === true,
        )
        .map(a => lower(a.entityRef));
    const changes: ChangeFacts[] = leaders.items.map(item => ({
      team: item.entityRef,
      servicesUnderTarget: item.services
        .filter(s => s.deploymentTargetMet === false)
        .map(s => ({ entityRef: s.entityRef, target: s.deploymentTarget })),
      deployments: item.preApprovedChanges.count,
      standardChanges: Math.round(
        (item.preApprovedChanges.ratio ?? 0) * item.preApprovedChanges.count,
      ),
      declaredTemplates: declaredTemplates(item.entityRef),
    }));

    const reflections = lossReflections({
      services: assessed.map((a, i) => ({
        entityRef: services[i].entityRef,
        owner: services[i].owner,
        exposurePerHour: a.financialExposurePerHour,
        availabilityTarget: a.availabilityTarget,
        lossRates: lossRatesOf(services[i].entityRef),
      })),
      bands: config.availabilityBands,
    });
    const bandsReview = detectBandsNotReviewed({
      bandsLastReviewed: config.bandsLastReviewed,
      now,
      timezone: config.workingHours.timezone,
    });

    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      at: at.toISOString(),
      currency,
      pitfalls: [
        linear,
        detectResponsibleButUnaccountable({
          services: accountability,
          bands: config.availabilityBands,
          currency,
        }),
        detectLimitedOnCallSchedule({
          rotas: rotaSizes,
          minimumParticipants: config.onCall.minimumParticipants,
        }),
        detectExcessiveBau({
          teams: leaders.items.map(item => ({
            team: item.entityRef,
            reworkRate: item.reworkRate.ratio,
            weeks: item.reworkRate.weeks,
          })),
          threshold: this.thresholds.reworkRate ?? DEFAULT_REWORK_THRESHOLD,
        }),
        detectChangeManagementTreacle({ teams: changes }),
        bandsReview,
        detectLossesAboveExposure({ reflections, currency }),
        detectSharedDatabases({
          resources: snapshot?.resources ?? [],
          components: snapshot?.services ?? [],
        }),
      ],
      reflection: {
        bandsLastReviewed: config.bandsLastReviewed,
        reviewDue: bandsReviewDue(config.bandsLastReviewed),
        overdue: bandsReview.findings.length > 0,
        services: reflections,
      },
    };
  }
}
