import type { AvailabilityBand, OperatingModelConfig } from './config';
import { deploymentsPer30Days } from './deployment';
import { formatMoney } from './money';
import { formatAvailability } from './availability';
import {
  AssessmentWarning,
  OperatingModelName,
  OutOfHoursLevel,
  ServiceClass,
  TrafficLight,
} from './types';

/**
 * How each operating model is written for people.
 *
 * @public
 */
export const OPERATING_MODEL_TITLES: Record<OperatingModelName, string> = {
  'you-build-it-you-run-it': 'You Build It You Run It',
  'ops-run-it': 'Ops Run It',
};

const EXTREME_RELIABILITY = 99.99;
const YOU_BUILD_IT_FROM = 99.9;
const OPS_RUN_IT_UP_TO = 99.0;

/**
 * Rule 5: extreme reliability needs You Build It You Run It whatever the class;
 * otherwise foundational systems go to Ops Run It and digital services to You
 * Build It You Run It. Null when the class, or the target a foundational system
 * needs, is not known.
 *
 * @public
 */
export function recommendedOperatingModel(
  target: number | null,
  serviceClass: ServiceClass | null,
): OperatingModelName | null {
  if (target !== null && target >= EXTREME_RELIABILITY) {
    return 'you-build-it-you-run-it';
  }
  if (serviceClass === 'digital-service') {
    return 'you-build-it-you-run-it';
  }
  if (serviceClass === 'foundational-system' && target !== null) {
    return 'ops-run-it';
  }
  return null;
}

/**
 * Rule 5's caution: a digital service in the lowest exposure band with a
 * monthly (or slower) deployment target may not be worth building.
 *
 * @public
 */
export function lowExposureLowDemandWarning(
  serviceClass: ServiceClass | null,
  band: AvailabilityBand | null,
  deploymentTarget: string | null,
  config: Pick<
    OperatingModelConfig,
    'availabilityBands' | 'deploymentFrequencies' | 'currency'
  >,
): AssessmentWarning | null {
  const lowest = config.availabilityBands[0];
  const perThirtyDays =
    deploymentTarget === null
      ? null
      : deploymentsPer30Days(deploymentTarget, config.deploymentFrequencies);
  const monthly = deploymentsPer30Days('monthly', config.deploymentFrequencies);
  if (
    serviceClass !== 'digital-service' ||
    band === null ||
    band.maxExposurePerHour !== lowest.maxExposurePerHour ||
    perThirtyDays === null ||
    monthly === null ||
    perThirtyDays > monthly
  ) {
    return null;
  }
  return {
    code: 'low-exposure-low-demand',
    message:
      'Little is lost when this digital service is unavailable (its exposure is in the lowest band, ' +
      `up to ${formatMoney(
        lowest.maxExposurePerHour,
        config.currency,
      )} an hour) ` +
      `and its feature demand only calls for ${deploymentTarget} deployments; ` +
      'check with its customers that it is the right thing to build.',
  };
}

/**
 * Rule 6: readiness to move to You Build It You Run It. Green (move it) for a
 * weekly or faster deployment target, red (keep Ops Run It) for fortnightly or
 * slower, amber in between, where the availability target says which way it
 * leans; `leaning` is only set for amber. Null when the deployment target is
 * not a known frequency.
 *
 * @public
 */
export function trafficLightFor(
  target: number | null,
  deploymentTarget: string,
  frequencies: Record<string, number>,
): { light: TrafficLight; leaning: OperatingModelName | null } | null {
  const perThirtyDays = deploymentsPer30Days(deploymentTarget, frequencies);
  const weekly = deploymentsPer30Days('weekly', frequencies);
  const fortnightly = deploymentsPer30Days('fortnightly', frequencies);
  if (perThirtyDays === null || weekly === null || fortnightly === null) {
    return null;
  }
  if (perThirtyDays >= weekly) {
    return { light: 'green', leaning: null };
  }
  if (perThirtyDays <= fortnightly) {
    return { light: 'red', leaning: null };
  }
  let leaning: OperatingModelName | null = null;
  if (target !== null && target >= YOU_BUILD_IT_FROM) {
    leaning = 'you-build-it-you-run-it';
  } else if (target !== null && target <= OPS_RUN_IT_UP_TO) {
    leaning = 'ops-run-it';
  }
  return { light: 'amber', leaning };
}

/**
 * Why rule 6 gave a service its readiness light, in words: the deployment target against weekly
 * and fortnightly, and for amber which way the availability target leans. Null with no light.
 *
 * @public
 */
export function trafficLightReason(input: {
  light: TrafficLight | null;
  leaning: OperatingModelName | null;
  deploymentTarget: string | null;
  availabilityTarget: number | null;
}): string | null {
  const { light, leaning, deploymentTarget, availabilityTarget } = input;
  if (!light || !deploymentTarget) return null;
  const deploys = `Its deployment target is ${deploymentTarget.replace(
    /-/g,
    ' ',
  )}`;
  if (light === 'green')
    return `${deploys}: weekly or more often is ready for You Build It You Run It.`;
  if (light === 'red')
    return `${deploys}: fortnightly or less often stays with Ops Run It until it deploys more often.`;
  const target =
    availabilityTarget === null ? null : formatAvailability(availabilityTarget);
  const ybiyri = formatAvailability(YOU_BUILD_IT_FROM);
  const ori = formatAvailability(OPS_RUN_IT_UP_TO);
  let lean: string;
  if (leaning === 'you-build-it-you-run-it')
    lean = `its ${target} availability target (${ybiyri} or more) leans towards You Build It You Run It`;
  else if (leaning === 'ops-run-it')
    lean = `its ${target} availability target (${ori} or less) leans towards Ops Run It`;
  else if (target === null)
    lean = 'it has no availability target to lean either way';
  else
    lean = `its ${target} availability target, between ${ori} and ${ybiyri}, leans neither way`;
  return `${deploys}, between weekly and fortnightly, and ${lean}.`;
}

/**
 * Rule 7: who is on call for a service, in and out of working hours. Null out
 * of hours when the band is not known.
 *
 * @public
 */
export function onCallLevelFor(
  model: OperatingModelName,
  band: AvailabilityBand | null,
): { workingHours: 'team'; outOfHours: OutOfHoursLevel | null } {
  if (model === 'ops-run-it') {
    // Rule 7: Ops Run It services are covered by their owning operations
    // group's own schedule, never by a product team's, so the band's level
    // does not apply and `team` here means that operations group.
    return { workingHours: 'team', outOfHours: 'team' };
  }
  return { workingHours: 'team', outOfHours: band?.outOfHours ?? null };
}
