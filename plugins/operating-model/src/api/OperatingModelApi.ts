import { createApiRef } from '@backstage/core-plugin-api';
import {
  OnCallAnswer,
  Override,
  ServiceAssessment,
  Shift,
} from '@internal/plugin-operating-model-common';

/** A service's assessment with the display titles of it and its owner, domain and system. */
export interface AssessedService extends ServiceAssessment {
  titles: {
    service: string;
    owner: string | null;
    domain: string | null;
    system: string | null;
  };
}

/** A team's or domain's rota over a window, as `GET /schedules/{kind}/{namespace}/{name}` gives it. */
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

/** Who is paged for a service at an instant, as `GET /on-call` gives it. */
export interface OnCallResult extends OnCallAnswer {
  entityRef: string;
  at: string;
  rotas: { team: string | null; domain: string | null };
  workingHours: { timezone: string; days: string; start: string; end: string };
}

/** What a person fills in to cover part of a rota. */
export interface OverrideRequest {
  person: string;
  start: string;
  end: string;
  covers?: string | null;
  reason?: string;
}

/** What the frontend asks of the operating-model backend. */
export interface OperatingModelApi {
  /** Every assessed service, as at `at` (default now). */
  listServices(options?: { at?: Date }): Promise<AssessedService[]>;
  /** One service, by entity ref; rejects with a 404 ResponseError when it is not assessed. */
  getService(entityRef: string, options?: { at?: Date }): Promise<AssessedService>;
  /** Who is paged for a service now, or at `at`. */
  getOnCall(entityRef: string, options?: { at?: Date }): Promise<OnCallResult>;
  /** A Group's or Domain's rota between two instants. */
  getSchedule(rotaRef: string, window: { from: Date; to: Date }): Promise<RotaSchedule>;
  addOverride(rotaRef: string, override: OverrideRequest): Promise<Override>;
  removeOverride(rotaRef: string, id: string): Promise<void>;
  /** A signed link to a rota's (a Group or Domain ref) or a person's (a User ref) calendar feed. */
  getCalendarLink(entityRef: string): Promise<string>;
}

/** @public */
export const operatingModelApiRef = createApiRef<OperatingModelApi>({
  id: 'plugin.operating-model.service',
});
