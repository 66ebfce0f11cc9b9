import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ON_CALL,
  ServiceFacts,
  isOperatingModelService,
  webAddress,
} from '@operating-model/backstage-plugin-operating-model-common';
import { runInSlices, runToEnd, sortSteps } from '../lib/slices';

/** A Group as the rotas need it. */
export interface GroupFacts {
  entityRef: string;
  type: string | null;
  annotations: Record<string, string>;
  /** User refs of the direct members, sorted. */
  members: string[];
}

/** A User as the rotas need it. */
export interface UserFacts {
  entityRef: string;
  email: string | null;
  /** `operating-model.io/on-call: opt-out`: never on a rota; the reason is never asked. */
  optedOut: boolean;
}

/** A Domain as the rotas need it. */
export interface DomainFacts {
  entityRef: string;
  annotations: Record<string, string>;
}

/** A Resource as the ownership rules need it (single service ownership for databases). */
export interface ResourceFacts {
  entityRef: string;
  /** `spec.type`, for example `database`. */
  type: string | null;
  /** Components that depend on it (`dependencyOf` relations), sorted. */
  dependents: string[];
}

/** What the plugin knows of the organisation at one moment, read from the catalog. */
export interface OrgSnapshot {
  services: ServiceFacts[];
  groups: GroupFacts[];
  users: UserFacts[];
  domains: DomainFacts[];
  /** Resources; absent in a snapshot stored before they were read. */
  resources?: ResourceFacts[];
  /** Display titles of every entity read, by entity ref, for labels in the UI. */
  titles: Map<string, string>;
  readAt: Date;
}

const byRef = (a: { entityRef: string }, b: { entityRef: string }) =>
  a.entityRef.localeCompare(b.entityRef);

const KINDS = ['Component', 'System', 'Domain', 'Group', 'User', 'Resource'];

function titleOf(entity: Entity): string {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return entity.metadata.title ?? profile.displayName ?? entity.metadata.name;
}

function parseRef(
  value: string,
  defaultKind: string,
  entity: Entity,
): string | null {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return null;
  }
}

function refFromSpec(
  entity: Entity,
  field: 'owner' | 'system' | 'domain',
  defaultKind: string,
): string | null {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || !value) return null;
  return parseRef(value, defaultKind, entity);
}

/** Prefers the relation the catalog already resolved, and falls back to the spec field. */
function relationTarget(
  entity: Entity,
  type: string,
  kind: string,
): string | null {
  const relation = entity.relations?.find(
    r => r.type === type && r.targetRef.startsWith(`${kind}:`),
  );
  return relation?.targetRef ?? null;
}

/** A Component's `dependsOn` targets: the catalog's relations, else the spec field. */
function dependsOnOf(entity: Entity): string[] {
  const targets = new Set<string>();
  for (const r of entity.relations ?? []) {
    if (r.type === RELATION_DEPENDS_ON) targets.add(r.targetRef);
  }
  const spec = entity.spec?.dependsOn;
  if (targets.size === 0 && Array.isArray(spec)) {
    for (const value of spec) {
      const ref =
        typeof value === 'string' ? parseRef(value, 'Component', entity) : null;
      if (ref) targets.add(ref);
    }
  }
  return [...targets].sort();
}

/** Builds the snapshot from plain entities: pure, so it is tested without a catalog. */
export function buildOrgSnapshot(
  entities: Entity[],
  readAt: Date,
): OrgSnapshot {
  return runToEnd(orgSnapshotSteps(entities, readAt));
}

/** The same, giving the event loop a turn every few milliseconds: for the scheduled read. */
export function buildOrgSnapshotInSlices(
  entities: Entity[],
  readAt: Date,
): Promise<OrgSnapshot> {
  return runInSlices(orgSnapshotSteps(entities, readAt));
}

/** The snapshot's build as steps: it yields after each entity, and between the sorts. */
function* orgSnapshotSteps(
  entities: Entity[],
  readAt: Date,
): Generator<void, OrgSnapshot> {
  const titles = new Map<string, string>();
  const systemDomain = new Map<string, string | null>();
  for (const entity of entities) {
    yield;
    const ref = stringifyEntityRef(entity);
    titles.set(ref, titleOf(entity));
    if (entity.kind === 'System') {
      systemDomain.set(
        ref,
        relationTarget(entity, RELATION_PART_OF, 'domain') ??
          refFromSpec(entity, 'domain', 'Domain'),
      );
    }
  }

  // Membership from both sides: the catalog's hasMember/memberOf relations, else the spec fields.
  const members = new Map<string, Set<string>>();
  const addMember = (group: string | null, user: string) => {
    if (!group) return;
    if (!members.has(group)) members.set(group, new Set());
    members.get(group)!.add(user);
  };
  const groups: GroupFacts[] = [];
  const users: UserFacts[] = [];
  const domains: DomainFacts[] = [];
  const resources: ResourceFacts[] = [];
  for (const entity of entities) {
    yield;
    const ref = stringifyEntityRef(entity);
    if (entity.kind === 'User') {
      const memberOf = (entity.spec?.memberOf ?? []) as unknown[];
      for (const group of Array.isArray(memberOf) ? memberOf : []) {
        if (typeof group === 'string')
          addMember(parseRef(group, 'Group', entity), ref);
      }
      for (const r of entity.relations ?? []) {
        if (r.type === RELATION_MEMBER_OF) addMember(r.targetRef, ref);
      }
      const profile = (entity.spec?.profile ?? {}) as { email?: unknown };
      users.push({
        entityRef: ref,
        email: typeof profile.email === 'string' ? profile.email : null,
        optedOut:
          entity.metadata.annotations?.[
            ANNOTATION_ON_CALL
          ]?.trim().toLocaleLowerCase('en-US') === 'opt-out',
      });
    } else if (entity.kind === 'Group') {
      const specMembers = (entity.spec?.members ?? []) as unknown[];
      for (const user of Array.isArray(specMembers) ? specMembers : []) {
        const userRef =
          typeof user === 'string' ? parseRef(user, 'User', entity) : null;
        if (userRef) addMember(ref, userRef);
      }
      for (const r of entity.relations ?? []) {
        if (r.type === RELATION_HAS_MEMBER) addMember(ref, r.targetRef);
      }
      groups.push({
        entityRef: ref,
        type: typeof entity.spec?.type === 'string' ? entity.spec.type : null,
        annotations: { ...(entity.metadata.annotations ?? {}) },
        members: [],
      });
    } else if (entity.kind === 'Domain') {
      domains.push({
        entityRef: ref,
        annotations: { ...(entity.metadata.annotations ?? {}) },
      });
    } else if (entity.kind === 'Resource') {
      resources.push({
        entityRef: ref,
        type: typeof entity.spec?.type === 'string' ? entity.spec.type : null,
        dependents: [
          ...new Set(
            (entity.relations ?? [])
              .filter(r => r.type === RELATION_DEPENDENCY_OF)
              .map(r => r.targetRef),
          ),
        ].sort(),
      });
    }
  }
  for (const group of groups) {
    yield;
    group.members = [...(members.get(group.entityRef) ?? [])].sort();
  }

  const services: ServiceFacts[] = [];
  for (const entity of entities) {
    yield;
    if (entity.kind !== 'Component' || !isOperatingModelService(entity))
      continue;
    const system =
      relationTarget(entity, RELATION_PART_OF, 'system') ??
      refFromSpec(entity, 'system', 'System');
    services.push({
      entityRef: stringifyEntityRef(entity),
      title: entity.metadata.title,
      owner:
        relationTarget(entity, RELATION_OWNED_BY, 'group') ??
        relationTarget(entity, RELATION_OWNED_BY, 'user') ??
        refFromSpec(entity, 'owner', 'Group'),
      system,
      domain: system ? systemDomain.get(system) ?? null : null,
      annotations: { ...(entity.metadata.annotations ?? {}) },
      // Only web links count as a runbook or a channel, and only they are ever shown or linked.
      links: (entity.metadata.links ?? [])
        .filter(l => webAddress(l.url) !== undefined)
        .map(l => ({ url: l.url, type: l.type, title: l.title })),
      dependsOn: dependsOnOf(entity),
    });
  }
  yield* sortSteps(services, byRef);
  yield* sortSteps(groups, byRef);
  yield* sortSteps(users, byRef);
  yield* sortSteps(domains, byRef);
  yield* sortSteps(resources, byRef);
  return { services, groups, users, domains, resources, titles, readAt };
}

/** Streams the kinds the rules need from the catalog, in pages, as this plugin's own service. */
export async function readOrgSnapshot(
  catalog: CatalogService,
  auth: AuthService,
): Promise<OrgSnapshot> {
  const credentials = await auth.getOwnServiceCredentials();
  const entities: Entity[] = [];
  for await (const page of catalog.streamEntities(
    {
      filter: { kind: KINDS },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
        'metadata.links',
        'spec.type',
        'spec.owner',
        'spec.system',
        'spec.domain',
        'spec.profile.displayName',
        'spec.profile.email',
        'spec.members',
        'spec.memberOf',
        'spec.dependsOn',
        'relations',
      ],
    },
    { credentials },
  )) {
    entities.push(...page);
  }
  return buildOrgSnapshotInSlices(entities, new Date());
}
