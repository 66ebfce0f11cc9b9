import type {
  Directory,
  DirectoryDomain,
  DirectoryService,
  DirectoryTeam,
} from './directory';
import { modelInForce } from './directory';
import type { OperatingModelName, OutOfHoursLevel } from './types';

/*
 * Search, filters and grouping of the discoverability view, as plain functions over an index of
 * the directory. The backend answers `GET /directory/services` with them a page at a time; the
 * frontend's tests answer their fake API with the same functions. The lower-case text of every
 * service and team is built once per directory, so a query is a pass of `includes` over the
 * services, not a rebuild; the work of building is written as steps (a generator) so that the
 * backend can run it in slices between requests.
 */

/**
 * The model filter: a model in force, or `unknown` for services with none.
 *
 * @public
 */
export type DirectoryModelFilter = OperatingModelName | 'unknown';

/**
 * The out-of-hours filter: a level, or `unknown` for services without one.
 *
 * @public
 */
export type DirectoryOutOfHoursFilter = OutOfHoursLevel | 'unknown';

/**
 * How the directory's rows are grouped.
 *
 * @public
 */
export type DirectoryGroupBy = 'none' | 'team' | 'domain';

/**
 * What the directory's rows are narrowed to.
 *
 * @public
 */
export interface DirectoryFilters {
  query: string;
  domain: string | null;
  team: string | null;
  model: DirectoryModelFilter | null;
  /** An availability target in percent, or `none` for services without one. */
  availabilityTarget: number | 'none' | null;
  outOfHours: DirectoryOutOfHoursFilter | null;
  /** Only services with unreadable annotations or ownership findings. */
  hasProblems: boolean;
}

/**
 * No filter at all: every service.
 *
 * @public
 */
export const NO_DIRECTORY_FILTERS: DirectoryFilters = {
  query: '',
  domain: null,
  team: null,
  model: null,
  availabilityTarget: null,
  outOfHours: null,
  hasProblems: false,
};

/**
 * One line of the directory's list: a group's heading or a service.
 *
 * @public
 */
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

/**
 * The directory ready to be searched: built once per change of the directory.
 *
 * @public
 */
export interface DirectoryIndex {
  /** In the list's order: by title. */
  services: DirectoryService[];
  /** The lower-case search text of each service (name, owner, domain, system), by position. */
  serviceText: string[];
  /** The lower-case name of the person on call for each service, by position, or ''. */
  onCallText: string[];
  /** Lower-case owner ref of each service, by position, or '' for none. */
  serviceOwner: string[];
  /** Lower-case domain ref of each service, by position, or '' for none. */
  serviceDomain: string[];
  teams: DirectoryTeam[];
  /** The lower-case search text of each team: its name and its people's names and emails. */
  teamText: string[];
  teamsByRef: Map<string, DirectoryTeam>;
  domainsByRef: Map<string, DirectoryDomain>;
  /** Where each group's heading comes, by group key (lower-case ref, '' for none). */
  teamOrder: Map<string, number>;
  domainOrder: Map<string, number>;
  /** The availability targets the services have, ascending. */
  availabilityTargets: number[];
}

const lower = (text: string) => text.toLocaleLowerCase('en-US');
const nameOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);
const collator = new Intl.Collator();

/**
 * The directory's order of titles: `localeCompare`'s, with a collator made once (the same order
 * at a fraction of the cost), the ref breaking ties.
 *
 * @public
 */
export function compareByTitle(
  a: { title: string; ref: string },
  b: { title: string; ref: string },
): number {
  return collator.compare(a.title, b.title) || collator.compare(a.ref, b.ref);
}

/**
 * Whether a service has something to fix: unreadable annotations or ownership findings.
 *
 * @public
 */
export function serviceHasProblems(service: DirectoryService): boolean {
  return service.problems > 0 || service.ownership.length > 0;
}

/**
 * A service's search text, less who is on call (which changes on its own).
 *
 * @public
 */
export function serviceSearchText(service: DirectoryService): string {
  return lower(
    [
      service.title,
      nameOf(service.ref),
      service.ownerTitle ?? '',
      service.domainTitle ?? '',
      service.systemTitle ?? '',
    ].join('\u0000'),
  );
}

/**
 * The search text of who is on call for a service now.
 *
 * @public
 */
export function onCallSearchText(service: DirectoryService): string {
  return lower(service.onCall?.person?.title ?? '');
}

/**
 * A team's search text: its name and its people's names and emails.
 *
 * @public
 */
export function teamSearchText(team: DirectoryTeam): string {
  return lower(
    [
      team.title,
      nameOf(team.ref),
      ...team.people.flatMap(p => [p.title, p.email ?? '']),
    ].join('\u0000'),
  );
}

/** How many items a step of the index's building handles before it yields. */
const STEP = 2_000;

/** The order of the group headings: named groups alphabetically, the services without one last. */
function headingOrder(
  services: DirectoryService[],
  keys: string[],
  title: (key: string, first: DirectoryService) => string,
): Map<string, number> {
  const firsts = new Map<string, DirectoryService>();
  services.forEach((service, i) => {
    if (!firsts.has(keys[i])) firsts.set(keys[i], service);
  });
  const headings = [...firsts].map(([key, first]) => ({
    key,
    title: title(key, first),
  }));
  headings.sort((a, b) => {
    if ((a.key === '') !== (b.key === '')) return a.key === '' ? 1 : -1;
    return collator.compare(a.title, b.title);
  });
  return new Map(headings.map((h, i) => [h.key, i]));
}

/**
 * The index's building as steps: yields between batches, returns the index. `services` must be in
 * the list's order (`compareByTitle`); `serviceText` may be given when the caller kept it from a
 * directory with the same services.
 *
 * @public
 */
export function* directoryIndexSteps(
  directory: Pick<Directory, 'services' | 'teams' | 'domains'>,
  kept?: { serviceText: string[]; teamText: string[] },
): Generator<void, DirectoryIndex> {
  const { services, teams } = directory;
  const serviceText = kept?.serviceText ?? [];
  const teamText = kept?.teamText ?? [];
  const onCallText: string[] = [];
  const serviceOwner: string[] = [];
  const serviceDomain: string[] = [];
  const targets = new Set<number>();
  for (let i = 0; i < services.length; i++) {
    const s = services[i];
    if (!kept) serviceText.push(serviceSearchText(s));
    onCallText.push(onCallSearchText(s));
    serviceOwner.push(s.owner ? lower(s.owner) : '');
    serviceDomain.push(s.domain ? lower(s.domain) : '');
    if (s.availabilityTarget !== null) targets.add(s.availabilityTarget);
    if (i % STEP === STEP - 1) yield;
  }
  if (!kept) {
    for (let i = 0; i < teams.length; i++) {
      teamText.push(teamSearchText(teams[i]));
      if (i % STEP === STEP - 1) yield;
    }
  }
  const teamsByRef = new Map(teams.map(t => [lower(t.ref), t]));
  const domainsByRef = new Map(directory.domains.map(d => [lower(d.ref), d]));
  yield;
  const teamOrder = headingOrder(
    services,
    serviceOwner,
    (key, first) =>
      teamsByRef.get(key)?.title ?? first.ownerTitle ?? (key || 'No owner'),
  );
  yield;
  const domainOrder = headingOrder(
    services,
    serviceDomain,
    (key, first) =>
      domainsByRef.get(key)?.title ?? first.domainTitle ?? (key || 'No domain'),
  );
  return {
    services,
    serviceText,
    onCallText,
    serviceOwner,
    serviceDomain,
    teams,
    teamText,
    teamsByRef,
    domainsByRef,
    teamOrder,
    domainOrder,
    availabilityTargets: [...targets].sort((a, b) => a - b),
  };
}

/**
 * Builds the index at once, sorting the services into the list's order first.
 *
 * @public
 */
export function buildDirectoryIndex(
  directory: Pick<Directory, 'services' | 'teams' | 'domains'>,
): DirectoryIndex {
  const steps = directoryIndexSteps({
    ...directory,
    services: [...directory.services].sort(compareByTitle),
  });
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The services matching the filters, in the list's order. Every word of the query must match the
 * service (its name, owner, domain, system or the person on call) or its owning team (the team's
 * name, or the name or email of one of its people), so "payments alice" finds the payments
 * services of Alice's team.
 *
 * @public
 */
export function filterDirectoryServices(
  index: DirectoryIndex,
  filters: DirectoryFilters,
): DirectoryService[] {
  return toEnd(filterSteps(index, filters));
}

function* filterSteps(
  index: DirectoryIndex,
  filters: DirectoryFilters,
): Generator<void, DirectoryService[]> {
  const words = lower(filters.query).split(/\s+/).filter(Boolean);
  const teamMatches: Set<string>[] = [];
  for (const word of words) {
    const matches = new Set<string>();
    for (let i = 0; i < index.teamText.length; i++) {
      if (i % STEP === STEP - 1) yield;
      if (index.teamText[i].includes(word))
        matches.add(lower(index.teams[i].ref));
    }
    teamMatches.push(matches);
  }
  const domain = filters.domain ? lower(filters.domain) : null;
  const team = filters.team ? lower(filters.team) : null;
  const result: DirectoryService[] = [];
  const { services, serviceText, onCallText, serviceOwner, serviceDomain } =
    index;
  for (let i = 0; i < services.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const service = services[i];
    if (domain !== null && serviceDomain[i] !== domain) continue;
    if (team !== null && serviceOwner[i] !== team) continue;
    if (
      filters.model !== null &&
      (modelInForce(service) ?? 'unknown') !== filters.model
    )
      continue;
    if (
      filters.availabilityTarget !== null &&
      (service.availabilityTarget ?? 'none') !== filters.availabilityTarget
    )
      continue;
    if (
      filters.outOfHours !== null &&
      (service.outOfHours ?? 'unknown') !== filters.outOfHours
    )
      continue;
    if (filters.hasProblems && !serviceHasProblems(service)) continue;
    let matches = true;
    for (let w = 0; w < words.length && matches; w++) {
      matches =
        serviceText[i].includes(words[w]) ||
        onCallText[i].includes(words[w]) ||
        teamMatches[w].has(serviceOwner[i]);
    }
    if (matches) result.push(service);
  }
  return result;
}

type Heading = Exclude<DirectoryItem, { kind: 'service' }>;

function* grouped(
  services: DirectoryService[],
  keyOf: (s: DirectoryService) => string,
  order: Map<string, number>,
  heading: (key: string, members: DirectoryService[]) => Heading,
): Generator<void, DirectoryItem[]> {
  const groups = new Map<string, DirectoryService[]>();
  for (let i = 0; i < services.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const service = services[i];
    const key = keyOf(service);
    const list = groups.get(key);
    if (list) list.push(service);
    else groups.set(key, [service]);
  }
  const keys = [...groups.keys()].sort(
    (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
  yield;
  const items: DirectoryItem[] = [];
  for (let k = 0; k < keys.length; k++) {
    if (k % STEP === STEP - 1) yield;
    const key = keys[k];
    const members = groups.get(key)!;
    items.push(heading(key, members));
    for (const service of members)
      items.push({ kind: 'service', key: service.ref, service });
  }
  return items;
}

/**
 * The rows to show: the services as they are, or under a heading per team (with its people) or per
 * domain (with its teams); named groups alphabetically, the services without one last.
 *
 * @public
 */
export function groupDirectoryServices(
  index: DirectoryIndex,
  services: DirectoryService[],
  groupBy: DirectoryGroupBy,
): DirectoryItem[] {
  return toEnd(groupSteps(index, services, groupBy));
}

function* groupSteps(
  index: DirectoryIndex,
  services: DirectoryService[],
  groupBy: DirectoryGroupBy,
): Generator<void, DirectoryItem[]> {
  if (groupBy === 'team') {
    return yield* grouped(
      services,
      s => (s.owner ? lower(s.owner) : ''),
      index.teamOrder,
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
    return yield* grouped(
      services,
      s => (s.domain ? lower(s.domain) : ''),
      index.domainOrder,
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

/**
 * The matching services and the rows to show for them: what a page of `GET /directory/services`
 * is cut from.
 *
 * @public
 */
export function selectDirectoryItems(
  index: DirectoryIndex,
  filters: DirectoryFilters,
  groupBy: DirectoryGroupBy,
): { matched: number; items: DirectoryItem[] } {
  return toEnd(selectDirectoryItemsSteps(index, filters, groupBy));
}

/**
 * {@link selectDirectoryItems} as steps: yields after each couple of thousand services, so that a
 * server answering a search that matches 50,000 of them can give other requests turns meanwhile.
 *
 * @public
 */
export function* selectDirectoryItemsSteps(
  index: DirectoryIndex,
  filters: DirectoryFilters,
  groupBy: DirectoryGroupBy,
): Generator<void, { matched: number; items: DirectoryItem[] }> {
  const services = yield* filterSteps(index, filters);
  return {
    matched: services.length,
    items: yield* groupSteps(index, services, groupBy),
  };
}

function toEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
