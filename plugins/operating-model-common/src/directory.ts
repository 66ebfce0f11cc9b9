import type {
  DirectoryFilters,
  DirectoryGroupBy,
  DirectoryItem,
} from './directorySearch';
import type { OwnershipFinding } from './ownership';
import type { OperatingModelName, OutOfHoursLevel } from './types';

/*
 * The discoverability view's data: every team, domain and service with who owns it, who is on
 * call for it now, its targets and how it does against them. The backend keeps it whole and
 * answers it a page at a time (`GET /directory/services`), searched, filtered and grouped there.
 */

/**
 * A person with the name and email to reach them by.
 *
 * @public
 */
export interface DirectoryPerson {
  ref: string;
  title: string;
  email: string | null;
}

/**
 * A team in the directory, with its people, domains and services.
 *
 * @public
 */
export interface DirectoryTeam {
  ref: string;
  title: string;
  /** The Group's `spec.type`; not `team` is an ownership finding on its services. */
  type: string | null;
  people: DirectoryPerson[];
  /** The domains of the team's services, sorted. */
  domains: string[];
  /** The team's services, sorted. */
  services: string[];
}

/**
 * A domain in the directory, with the teams owning its services.
 *
 * @public
 */
export interface DirectoryDomain {
  ref: string;
  title: string;
  /** The teams owning a service in the domain, sorted. */
  teams: string[];
  serviceCount: number;
}

/**
 * Who is paged for a service now (rule 9), with display names.
 *
 * @public
 */
export interface DirectoryOnCall {
  period: 'working-hours' | 'out-of-hours';
  schedule: 'team' | 'domain' | 'none';
  person: DirectoryPerson | null;
  /** The rota the person is on: the owning team or the domain. */
  rota: string | null;
  shiftEnd: string | null;
  /** The end of the period: the close of working hours, or the next working-hours start. */
  periodEnd: string;
  /** The time zone of the owning team's working hours, which the answer follows (IANA). */
  timezone: string;
  /** When nobody is paged now: who is, and from when. */
  next: { person: DirectoryPerson | null; at: string } | null;
}

/**
 * Met, missed, or no data yet: "no data" never reads as a miss.
 *
 * @public
 */
export type TargetStatus = 'met' | 'missed' | 'no-data';

/**
 * Two measures at a glance over the directory's window, against the service's targets.
 *
 * @public
 */
export interface DirectoryMeasures {
  deploymentFrequency: {
    /** Production deployments in the window, scaled to 30 days; null with none. */
    per30Days: number | null;
    target: string | null;
    status: TargetStatus;
  };
  availability: {
    /** Good ÷ total requests, as a fraction; null with no data. */
    ratio: number | null;
    /** In percent. */
    target: number | null;
    status: TargetStatus;
  };
}

/**
 * A service in the directory: its owner, domain, targets, who is on call for it now and its
 * measures at a glance.
 *
 * @public
 */
export interface DirectoryService {
  ref: string;
  title: string;
  owner: string | null;
  ownerTitle: string | null;
  domain: string | null;
  domainTitle: string | null;
  system: string | null;
  systemTitle: string | null;
  model: {
    recommended: OperatingModelName | null;
    declared: OperatingModelName | null;
  };
  availabilityTarget: number | null;
  deploymentTarget: string | null;
  outOfHours: OutOfHoursLevel | null;
  /** Null until the rotas have been worked out once. */
  onCall: DirectoryOnCall | null;
  links: { runbook?: string; incidentChannel?: string };
  /** How many annotations could not be read. */
  problems: number;
  ownership: OwnershipFinding[];
  measures: DirectoryMeasures;
}

/**
 * The whole directory, as the backend keeps it.
 *
 * @public
 */
export interface Directory {
  /** When the catalog snapshot behind it was read. */
  catalogReadAt: string;
  /** The instant "on call now" was worked out for. */
  onCallAt: string | null;
  /** The window of the measures at a glance. */
  measuresWindow: { from: string; to: string } | null;
  teams: DirectoryTeam[];
  domains: DirectoryDomain[];
  services: DirectoryService[];
}

/**
 * What `GET /directory/services` is asked: filters, grouping and the page (every part optional).
 *
 * @public
 */
export interface DirectoryQuery extends Partial<DirectoryFilters> {
  groupBy?: DirectoryGroupBy;
  /** The first row wanted, counting headings; 0 by default. */
  offset?: number;
  /** How many rows at most; 100 by default, 500 at most. */
  limit?: number;
}

/**
 * A page of the directory's rows (`GET /directory/services`), with the counts the view shows.
 *
 * @public
 */
export interface DirectoryServicesPage {
  /** When the catalog snapshot behind it was read. */
  catalogReadAt: string;
  /** The instant "on call now" was worked out for. */
  onCallAt: string | null;
  /** The window of the measures at a glance. */
  measuresWindow: { from: string; to: string } | null;
  /** Services in the directory. */
  total: number;
  /** Services matching the filters. */
  matched: number;
  /** Rows for the matching services, headings included: the length of the whole list. */
  itemCount: number;
  /** The position of the first of `items` in the whole list. */
  offset: number;
  items: DirectoryItem[];
  /** The availability targets the directory's services have, ascending: the filter's choices. */
  availabilityTargets: number[];
}

/**
 * A team or domain as the directory's filters offer it.
 *
 * @public
 */
export interface DirectoryChoice {
  ref: string;
  title: string;
}

/**
 * The teams and domains to filter by (`GET /directory/facets`), sorted by title.
 *
 * @public
 */
export interface DirectoryFacets {
  teams: DirectoryChoice[];
  domains: DirectoryChoice[];
}

/**
 * The model a service runs under: the declared one, else the recommended one.
 *
 * @public
 */
export function modelInForce(
  service: Pick<DirectoryService, 'model'>,
): OperatingModelName | null {
  return service.model.declared ?? service.model.recommended;
}
