import type { OperatingModelConfig } from './config';
import { formatMoney } from './money';

/**
 * How far users can still get through the service's journey during an incident.
 *
 * @public
 */
export type JourneyImpact = 'blocked' | 'degraded' | 'ok';

/**
 * Every journey impact, worst first.
 *
 * @public
 */
export const JOURNEY_IMPACTS: readonly JourneyImpact[] = [
  'blocked',
  'degraded',
  'ok',
];

/**
 * The two kinds of incident: a major one is swarmed on, a minor one is not.
 *
 * @public
 */
export type IncidentCategory = 'major' | 'minor';

/**
 * How fast availability must come back.
 *
 * @public
 */
export type IncidentResponse =
  | 'restore-immediately'
  | 'restore-next-working-day'
  | 'restore-when-possible';

/**
 * What a responder knows about an incident while it is going on.
 *
 * @public
 */
export interface IncidentLossFacts {
  /** Money lost since the incident started, where it has been estimated. */
  lossSoFar?: number | null;
  /** Money being lost per hour of the incident, where it has been estimated. */
  lossPerHour?: number | null;
  journey: JourneyImpact;
  /** Users are affected by a security incident. */
  security: boolean;
}

/**
 * An incident's category and the response it needs, with the reasons for both.
 *
 * @public
 */
export interface IncidentLossCategorisation {
  category: IncidentCategory;
  response: IncidentResponse;
  /** Why, one sentence per thing that decided it; empty reasons never happen. */
  reasons: string[];
}

/**
 * What `POST /incident-loss` accepts.
 *
 * @public
 */
export interface IncidentLossRequest {
  entityRef?: string;
  lossSoFar?: number;
  lossPerHour?: number;
  minutesSoFar?: number;
  journey: JourneyImpact;
  security: boolean;
}

/**
 * What `POST /incident-loss` answers: the category with the figures it was decided on.
 *
 * @public
 */
export interface IncidentLossAnswer extends IncidentLossCategorisation {
  entityRef: string | null;
  lossSoFar: number | null;
  lossPerHour: number | null;
  minutesSoFar: number | null;
  /** Where the loss per hour came from: given in the request, or the service's financial exposure. */
  lossPerHourSource: 'given' | 'financial-exposure' | null;
  currency: string;
}

/**
 * The response in the words a responder reads in a hurry.
 *
 * @public
 */
export const INCIDENT_RESPONSE_TEXT: Record<IncidentResponse, string> = {
  'restore-immediately': 'Restore availability immediately',
  'restore-next-working-day': 'Restore availability by the next working day',
  'restore-when-possible':
    'Restore availability when possible, and add a ticket to the backlog',
};

function amount(value: number, currency?: string): string {
  return currency ? formatMoney(value, currency) : String(value);
}

/**
 * Rule 10: the category of an incident and how fast to restore, from the money it is losing and
 * what it does to users. A loss so far or per hour at or above `majorFrom`, a journey users
 * cannot complete, or a security incident make it major (restore immediately); a loss at or
 * above `minorFrom`, or a degraded journey, make it minor but due by the next working day;
 * anything less is minor, restored when possible with a ticket on the backlog. Every fact that
 * reaches the highest level found is given as a reason, so a responder sees all of them.
 *
 * @public
 */
export function incidentLossCategory(
  facts: IncidentLossFacts,
  thresholds: OperatingModelConfig['incidentLoss'],
  currency?: string,
): IncidentLossCategorisation {
  const { majorFrom, minorFrom } = thresholds;
  const losses: Array<{ value: number; what: string }> = [];
  if (facts.lossSoFar !== undefined && facts.lossSoFar !== null) {
    losses.push({ value: facts.lossSoFar, what: 'lost so far' });
  }
  if (facts.lossPerHour !== undefined && facts.lossPerHour !== null) {
    losses.push({ value: facts.lossPerHour, what: 'being lost per hour' });
  }

  const major: string[] = [];
  for (const loss of losses.filter(l => l.value >= majorFrom)) {
    major.push(
      `${amount(loss.value, currency)} ${
        loss.what
      } is at or above the major threshold of ${amount(majorFrom, currency)}`,
    );
  }
  if (facts.journey === 'blocked')
    major.push('Users cannot complete their journey');
  if (facts.security) major.push('Users are affected by a security incident');
  if (major.length > 0) {
    return {
      category: 'major',
      response: 'restore-immediately',
      reasons: major,
    };
  }

  const minor: string[] = [];
  for (const loss of losses.filter(l => l.value >= minorFrom)) {
    minor.push(
      `${amount(loss.value, currency)} ${
        loss.what
      } is at or above the minor threshold of ${amount(minorFrom, currency)}`,
    );
  }
  if (facts.journey === 'degraded')
    minor.push('Users can only complete a degraded journey');
  if (minor.length > 0) {
    return {
      category: 'minor',
      response: 'restore-next-working-day',
      reasons: minor,
    };
  }

  const low =
    losses.length === 0
      ? 'No loss has been estimated, and users can complete their journey'
      : `The loss is below ${amount(
          minorFrom,
          currency,
        )} and users can complete their journey`;
  return {
    category: 'minor',
    response: 'restore-when-possible',
    reasons: [low],
  };
}

/**
 * The money lost after `minutes` at `perHour`.
 *
 * @public
 */
export function lossAfterMinutes(perHour: number, minutes: number): number {
  return Math.round(((perHour * minutes) / 60) * 100) / 100;
}
