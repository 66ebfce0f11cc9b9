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
/** Items handled between two yields of the steps below. */
const STEP = 500;
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
  const steps = sharedDatabasesSteps(resources, components);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

function* sharedDatabasesSteps(
  resources: readonly ResourceUse[],
  components: readonly ComponentDependencies[],
): Generator<void, SharedDatabase[]> {
  const users = new Map<string, Set<string>>();
  for (let i = 0; i < resources.length; i++) {
    const resource = resources[i];
    if (i % STEP === STEP - 1) yield;
    if (resource.type?.trim().toLocaleLowerCase('en-US') !== DATABASE) continue;
    const ref = lower(resource.entityRef);
    const set = new Set<string>();
    for (const dependent of resource.dependents ?? []) {
      if (kindOf(lower(dependent)) === 'component') set.add(lower(dependent));
    }
    users.set(ref, set);
  }
  for (let i = 0; i < components.length; i++) {
    const component = components[i];
    if (i % STEP === STEP - 1) yield;
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

/** The input of {@link ownershipFindings}: the catalog's services, groups, users and resources. @public */
export interface OwnershipFindingsInput {
  services: ReadonlyArray<{
    entityRef: string;
    owner: string | null;
    dependsOn?: string[];
  }>;
  groups: ReadonlyArray<{ entityRef: string; type: string | null }>;
  users: ReadonlyArray<{ entityRef: string }>;
  resources: readonly ResourceUse[];
  title?: (ref: string) => string;
}

/**
 * Every ownership finding for every service, by lower-case service ref (services with none are
 * absent).
 *
 * @public
 */
export function ownershipFindings(
  input: OwnershipFindingsInput,
): Map<string, OwnershipFinding[]> {
  const steps = ownershipFindingsSteps(input);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@link ownershipFindings} as steps: yields after each few hundred items, so that a caller with
 * tens of thousands of services can give the event loop turns in between.
 *
 * @public
 */
export function* ownershipFindingsSteps(
  input: OwnershipFindingsInput,
): Generator<void, Map<string, OwnershipFinding[]>> {
  const groupTypes = new Map<string, string | null>();
  for (let i = 0; i < input.groups.length; i++) {
    const g = input.groups[i];
    groupTypes.set(lower(g.entityRef), g.type);
    if (i % STEP === STEP - 1) yield;
  }
  const users = new Set<string>();
  for (let i = 0; i < input.users.length; i++) {
    users.add(lower(input.users[i].entityRef));
    if (i % STEP === STEP - 1) yield;
  }
  const directory: OwnerDirectory = { groupTypes, users, title: input.title };
  yield;
  const shared = sharedDatabasesByComponent(
    yield* sharedDatabasesSteps(input.resources, input.services),
  );
  const result = new Map<string, OwnershipFinding[]>();
  for (let i = 0; i < input.services.length; i++) {
    const service = input.services[i];
    const findings = [
      ...ownerFindings(service.owner, directory),
      ...sharedDatabaseFindings(service.entityRef, shared, input.title),
    ];
    if (findings.length > 0) result.set(lower(service.entityRef), findings);
    if (i % STEP === STEP - 1) yield;
  }
  return result;
}
