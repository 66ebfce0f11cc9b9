/*
 * The playbook's ownership rules ("Architecting for adaptability"): one on-call product team owns
 * each digital service, and one service has exclusive use of each database. Pure functions over
 * what the catalog says, so the backend, the directory and the pitfalls view agree.
 */

/**
 * Why a service's ownership needs a second look.
 *
 * @public
 */
export type OwnershipFindingCode =
  | 'owner-missing'
  | 'owner-unknown'
  | 'owner-is-a-person'
  | 'owner-not-a-team'
  | 'shared-database';

/**
 * One reason a service's ownership needs a second look, with the entity it concerns.
 *
 * @public
 */
export interface OwnershipFinding {
  code: OwnershipFindingCode;
  message: string;
  /** The entity the finding is about: the owner, or the shared database. */
  subject: string | null;
  /** For a shared database, every Component that uses it, this service included. */
  usedBy?: string[];
}

/**
 * A Resource as the database rule needs it.
 *
 * @public
 */
export interface ResourceUse {
  entityRef: string;
  /** `spec.type`, for example `database`. */
  type: string | null;
  /** Components that depend on it, from the catalog's `dependencyOf` relations, where read. */
  dependents?: string[];
}

/**
 * A Component's `dependsOn` targets.
 *
 * @public
 */
export interface ComponentDependencies {
  entityRef: string;
  dependsOn?: string[];
}

/**
 * A database with more than one Component using it.
 *
 * @public
 */
export interface SharedDatabase {
  database: string;
  /** The Components that use it, sorted. */
  usedBy: string[];
}

/**
 * What the owner rule needs to know of the catalog's Groups and Users.
 *
 * @public
 */
export interface OwnerDirectory {
  /** `spec.type` of every Group, by lower-case entity ref. */
  groupTypes: ReadonlyMap<string, string | null>;
  /** Lower-case entity refs of every User. */
  users: ReadonlySet<string>;
  /** A display title for a ref; the ref itself where none is known. */
  title?: (ref: string) => string;
}

const TEAM = 'team';
const DATABASE = 'database';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const kindOf = (ref: string) => ref.slice(0, Math.max(0, ref.indexOf(':')));

/**
 * Single team ownership: the owner must be a Group of type `team` that the catalog has.
 *
 * @public
 */
export function ownerFindings(
  owner: string | null,
  directory: OwnerDirectory,
): OwnershipFinding[] {
  const title = directory.title ?? ((ref: string) => ref);
  if (!owner) {
    return [
      {
        code: 'owner-missing',
        subject: null,
        message:
          'The service has no owner; one on-call product team should own each service',
      },
    ];
  }
  const ref = lower(owner);
  if (directory.groupTypes.has(ref)) {
    const type = directory.groupTypes.get(ref) ?? null;
    if (type !== null && type.trim().toLocaleLowerCase('en-US') === TEAM)
      return [];
    return [
      {
        code: 'owner-not-a-team',
        subject: ref,
        message:
          `Owned by ${title(ref)}, a Group of type ${
            type === null ? '(none)' : JSON.stringify(type)
          }, ` + 'not a team: one on-call product team should own each service',
      },
    ];
  }
  if (kindOf(ref) === 'user') {
    return [
      {
        code: 'owner-is-a-person',
        subject: ref,
        message: directory.users.has(ref)
          ? `Owned by a person, ${title(
              ref,
            )}, not a team: one on-call product team should own each service`
          : `Owned by ${ref}, a person the catalog does not have: one on-call product team should own each service`,
      },
    ];
  }
  return [
    {
      code: 'owner-unknown',
      subject: ref,
      message: `The owner ${ref} is not in the catalog; the service needs an owning team Group`,
    },
  ];
}

/**
 * Single service ownership for databases: every Resource of type `database` that more than one
 * Component depends on, with who uses it. Dependencies are read from both sides (a Component's
 * `dependsOn`, a Resource's `dependencyOf`) so Components outside the services still count.
 *
 * @public
 */
export function sharedDatabases(
  resources: readonly ResourceUse[],
  components: readonly ComponentDependencies[],
): SharedDatabase[] {
  const users = new Map<string, Set<string>>();
  for (const resource of resources) {
    if (resource.type?.trim().toLocaleLowerCase('en-US') !== DATABASE) continue;
    const ref = lower(resource.entityRef);
    const set = new Set<string>();
    for (const dependent of resource.dependents ?? []) {
      if (kindOf(lower(dependent)) === 'component') set.add(lower(dependent));
    }
    users.set(ref, set);
  }
  for (const component of components) {
    for (const target of component.dependsOn ?? []) {
      users.get(lower(target))?.add(lower(component.entityRef));
    }
  }
  return [...users]
    .filter(([, set]) => set.size > 1)
    .map(([database, set]) => ({ database, usedBy: [...set].sort() }))
    .sort((a, b) => a.database.localeCompare(b.database));
}

/**
 * The shared-database findings of one service, given every shared database.
 *
 * @public
 */
export function sharedDatabaseFindings(
  service: string,
  shared: readonly SharedDatabase[] | ReadonlyMap<string, SharedDatabase[]>,
  title: (ref: string) => string = ref => ref,
): OwnershipFinding[] {
  const ref = lower(service);
  const databases: readonly SharedDatabase[] =
    shared instanceof Map
      ? (shared as ReadonlyMap<string, SharedDatabase[]>).get(ref) ?? []
      : (shared as readonly SharedDatabase[]).filter(d =>
          d.usedBy.includes(ref),
        );
  return databases.map(d => {
    const others = d.usedBy.filter(u => u !== ref).map(title);
    return {
      code: 'shared-database' as const,
      subject: d.database,
      usedBy: d.usedBy,
      message:
        `${title(d.database)} is also used by ${others.join(
          ', ',
        )}: a database should have ` +
        'exactly one service using it (single service ownership for databases)',
    };
  });
}

/**
 * Shared databases indexed by each Component that uses one, for many lookups.
 *
 * @public
 */
export function sharedDatabasesByComponent(
  shared: readonly SharedDatabase[],
): Map<string, SharedDatabase[]> {
  const byComponent = new Map<string, SharedDatabase[]>();
  for (const database of shared) {
    for (const component of database.usedBy) {
      const list = byComponent.get(component);
      if (list) list.push(database);
      else byComponent.set(component, [database]);
    }
  }
  return byComponent;
}

/**
 * Every ownership finding for every service, by lower-case service ref (services with none are
 * absent).
 *
 * @public
 */
export function ownershipFindings(input: {
  services: ReadonlyArray<{
    entityRef: string;
    owner: string | null;
    dependsOn?: string[];
  }>;
  groups: ReadonlyArray<{ entityRef: string; type: string | null }>;
  users: ReadonlyArray<{ entityRef: string }>;
  resources: readonly ResourceUse[];
  title?: (ref: string) => string;
}): Map<string, OwnershipFinding[]> {
  const directory: OwnerDirectory = {
    groupTypes: new Map(input.groups.map(g => [lower(g.entityRef), g.type])),
    users: new Set(input.users.map(u => lower(u.entityRef))),
    title: input.title,
  };
  const shared = sharedDatabasesByComponent(
    sharedDatabases(input.resources, input.services),
  );
  const result = new Map<string, OwnershipFinding[]>();
  for (const service of input.services) {
    const findings = [
      ...ownerFindings(service.owner, directory),
      ...sharedDatabaseFindings(service.entityRef, shared, input.title),
    ];
    if (findings.length > 0) result.set(lower(service.entityRef), findings);
  }
  return result;
}
