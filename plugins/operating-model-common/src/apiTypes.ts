import { OnCallAnswer } from './paging';
import { Override, Shift } from './rota';
import { ServiceAssessment } from './types';

/**
 * A service's assessment as the API serves it, with the display titles the UI labels it with.
 *
 * @public
 */
export interface AssessedService extends ServiceAssessment {
  titles: {
    service: string;
    owner: string | null;
    domain: string | null;
    system: string | null;
  };
}

/**
 * A team's or domain's rota over a window, as `GET /schedules/{kind}/{namespace}/{name}` serves it.
 *
 * @public
 */
export interface RotaSchedule {
  rotaRef: string;
  kind: 'team' | 'domain';
  participants: string[];
  /** The teams whose people are on the rota; their members may add overrides. */
  teams: string[];
  shifts: Shift[];
  overrides: Override[];
  problems: Array<{ code: string; message: string }>;
  timezone: string;
  /** How many team members opted out of on-call; never who or why. */
  optedOutCount: number;
}

/**
 * A signed calendar feed link, as `GET …/calendar-link` serves it: the link is the credential a
 * phone subscribes with, so it says whom it was issued for and until when it works.
 *
 * @public
 */
export interface CalendarLink {
  /** The feed's path below the plugin's base URL, with its token. */
  path: string;
  /** The user the link was issued for; resetting their links revokes it. */
  for: string;
  issuedAt: string;
  expiresAt: string;
}

/**
 * Who is paged for a service at an instant, as `GET /on-call` serves it.
 *
 * @public
 */
export interface OnCallResult extends OnCallAnswer {
  entityRef: string;
  at: string;
  rotas: { team: string | null; domain: string | null };
  workingHours: { timezone: string; days: string; start: string; end: string };
}
