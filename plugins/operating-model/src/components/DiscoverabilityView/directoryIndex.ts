import {
  Directory,
  DirectoryDomain,
  DirectoryService,
  DirectoryTeam,
  OperatingModelName,
  OutOfHoursLevel,
  modelInForce,
} from '@operating-model/backstage-plugin-operating-model-common';
import { lowerCase } from '../shared/format';

/*
 * Search, filters and grouping of the discoverability view, as plain functions over the
 * directory: the lower-case text of every service and team is built once per answer, so a
 * keystroke is a pass of `includes` over 10,000 strings, not a rebuild.
 */

export type ModelFilter = OperatingModelName | 'unknown';
export type OutOfHoursFilter = OutOfHoursLevel | 'unknown';
export type GroupBy = 'none' | 'team' | 'domain';

export interface DirectoryFilters {
  query: string;
  domain: string | null;
  team: string | null;
  model: ModelFilter | null;
  /** An availability target in percent, or `none` for services without one. */
  availabilityTarget: number | 'none' | null;
  outOfHours: OutOfHoursFilter | null;
  /** Only services with unreadable annotations or ownership findings. */
  hasProblems: boolean;
}

export const NO_FILTERS: DirectoryFilters = {
  query: '',
  domain: null,
  team: null,
  model: null,
  availabilityTarget: null,
  outOfHours: null,
  hasProblems: false,
};

export interface DirectoryIndex {
  directory: Directory;
  /** Sorted by title. */
  services: DirectoryService[];
  /** The lower-case search text of each service, by position in `services`. */
  serviceText: string[];
  /** Lower-case owner ref of each service, by position, or '' for none. */
  serviceOwner: string[];
  teams: DirectoryTeam[];
  /** The lower-case search text of each team: its name and its people's names and emails. */
  teamText: string[];
  teamsByRef: Map<string, DirectoryTeam>;
  domainsByRef: Map<string, DirectoryDomain>;
  /** The availability targets the services have, ascending. */
  availabilityTargets: number[];
}

const lower = lowerCase;
const nameOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);

/** Builds the search text and lookups once per directory answer. */
export function buildDirectoryIndex(directory: Directory): DirectoryIndex {
  const services = [...directory.services].sort(
    (a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref),
  );
  const serviceText = services.map(s =>
    lower(
      [
        s.title,
        nameOf(s.ref),
        s.ownerTitle ?? '',
        s.domainTitle ?? '',
        s.systemTitle ?? '',
        s.onCall?.person?.title ?? '',
      ].join('\u0000'),
    ),
  );
  const teams = directory.teams;
  const teamText = teams.map(t =>
    lower(
      [
        t.title,
        nameOf(t.ref),
        ...t.people.flatMap(p => [p.title, p.email ?? '']),
      ].join('\u0000'),
    ),
  );
  const targets = new Set<number>();
  for (const s of services)
    if (s.availabilityTarget !== null) targets.add(s.availabilityTarget);
  return {
    directory,
    services,
    serviceText,
    serviceOwner: services.map(s => (s.owner ? lower(s.owner) : '')),
    teams,
    teamText,
    teamsByRef: new Map(teams.map(t => [lower(t.ref), t])),
    domainsByRef: new Map(directory.domains.map(d => [lower(d.ref), d])),
    availabilityTargets: [...targets].sort((a, b) => a - b),
  };
}

export function hasProblems(service: DirectoryService): boolean {
  return service.problems > 0 || service.ownership.length > 0;
}

/**
 * The services matching the filters. Every word of the query must match the service (its name,
 * owner, domain, system or the person on call) or its owning team (the team's name, or the name
 * or email of one of its people), so "payments alice" finds the payments services of Alice's team.
 */
export function filterServices(
  index: DirectoryIndex,
  filters: DirectoryFilters,
): DirectoryService[] {
  const words = lower(filters.query).split(/\s+/).filter(Boolean);
  const teamMatches = words.map(word => {
    const matches = new Set<string>();
    index.teamText.forEach((text, i) => {
      if (text.includes(word)) matches.add(lower(index.teams[i].ref));
    });
    return matches;
  });
  const domain = filters.domain ? lower(filters.domain) : null;
  const team = filters.team ? lower(filters.team) : null;
  const result: DirectoryService[] = [];
  const { services, serviceText, serviceOwner } = index;
  for (let i = 0; i < services.length; i++) {
    const service = services[i];
    if (
      domain !== null &&
      (service.domain ? lower(service.domain) : null) !== domain
    )
      continue;
    if (team !== null && serviceOwner[i] !== team) continue;
    if (
      filters.model !== null &&
      (modelInForce(service) ?? 'unknown') !== filters.model
    )
      continue;
    if (filters.availabilityTarget !== null) {
      const target = service.availabilityTarget ?? 'none';
      if (target !== filters.availabilityTarget) continue;
    }
    if (
      filters.outOfHours !== null &&
      (service.outOfHours ?? 'unknown') !== filters.outOfHours
    )
      continue;
    if (filters.hasProblems && !hasProblems(service)) continue;
    let matches = true;
    for (let w = 0; w < words.length && matches; w++) {
      matches =
        serviceText[i].includes(words[w]) ||
        teamMatches[w].has(serviceOwner[i]);
    }
    if (matches) result.push(service);
  }
  return result;
}

/** One line of the virtualised list: a group's heading or a service. */
export type DirectoryItem =
  | {
      kind: 'team';
      key: string;
      team: DirectoryTeam | null;
      title: string;
      count: number;
    }
  | {
      kind: 'domain';
      key: string;
      domain: DirectoryDomain | null;
      title: string;
      teams: DirectoryTeam[];
      count: number;
    }
  | { kind: 'service'; key: string; service: DirectoryService };

type Heading = Exclude<DirectoryItem, { kind: 'service' }>;

function grouped(
  services: DirectoryService[],
  keyOf: (s: DirectoryService) => string,
  heading: (key: string, members: DirectoryService[]) => Heading,
): DirectoryItem[] {
  const groups = new Map<string, DirectoryService[]>();
  for (const service of services) {
    const key = keyOf(service);
    const list = groups.get(key);
    if (list) list.push(service);
    else groups.set(key, [service]);
  }
  const headings = [...groups].map(([key, members]) => ({
    none: key === '',
    heading: heading(key, members),
    members,
  }));
  // Named groups first, alphabetically; the services without one last.
  headings.sort((a, b) => {
    if (a.none !== b.none) return a.none ? 1 : -1;
    return a.heading.title.localeCompare(b.heading.title);
  });
  const items: DirectoryItem[] = [];
  for (const { heading: item, members } of headings) {
    items.push(item);
    for (const service of members)
      items.push({ kind: 'service', key: service.ref, service });
  }
  return items;
}

/** The rows to show: the services as they are, or under a heading per team or per domain. */
export function groupServices(
  index: DirectoryIndex,
  services: DirectoryService[],
  groupBy: GroupBy,
): DirectoryItem[] {
  if (groupBy === 'team') {
    return grouped(
      services,
      s => (s.owner ? lower(s.owner) : ''),
      (key, members) => {
        const team = index.teamsByRef.get(key) ?? null;
        return {
          kind: 'team',
          key: `team:${key}`,
          team,
          title: team?.title ?? members[0].ownerTitle ?? (key || 'No owner'),
          count: members.length,
        };
      },
    );
  }
  if (groupBy === 'domain') {
    return grouped(
      services,
      s => (s.domain ? lower(s.domain) : ''),
      (key, members) => {
        const domain = index.domainsByRef.get(key) ?? null;
        return {
          kind: 'domain',
          key: `domain:${key}`,
          domain,
          title:
            domain?.title ?? members[0].domainTitle ?? (key || 'No domain'),
          teams: (domain?.teams ?? []).flatMap(ref => {
            const team = index.teamsByRef.get(lower(ref));
            return team ? [team] : [];
          }),
          count: members.length,
        };
      },
    );
  }
  return services.map(service => ({
    kind: 'service',
    key: service.ref,
    service,
  }));
}
