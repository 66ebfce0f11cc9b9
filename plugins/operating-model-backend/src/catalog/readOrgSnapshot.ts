import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ServiceFacts,
  isOperatingModelService,
} from '@internal/plugin-operating-model-common';

/** What the plugin knows of the organisation at one moment, read from the catalog. */
export interface OrgSnapshot {
  services: ServiceFacts[];
  /** Display titles of every entity read, by entity ref, for labels in the UI. */
  titles: Map<string, string>;
  readAt: Date;
}

const KINDS = ['Component', 'System', 'Domain', 'Group'];

function titleOf(entity: Entity): string {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return entity.metadata.title ?? profile.displayName ?? entity.metadata.name;
}

function refFromSpec(
  entity: Entity,
  field: 'owner' | 'system' | 'domain',
  defaultKind: string,
): string | null {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || !value) return null;
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

/** Builds the snapshot from plain entities: pure, so it is tested without a catalog. */
export function buildOrgSnapshot(entities: Entity[], readAt: Date): OrgSnapshot {
  const titles = new Map<string, string>();
  const systemDomain = new Map<string, string | null>();
  for (const entity of entities) {
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

  const services: ServiceFacts[] = [];
  for (const entity of entities) {
    if (entity.kind !== 'Component' || !isOperatingModelService(entity)) continue;
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
      links: (entity.metadata.links ?? []).map(l => ({
        url: l.url,
        type: l.type,
        title: l.title,
      })),
    });
  }
  services.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  return { services, titles, readAt };
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
        'relations',
      ],
    },
    { credentials },
  )) {
    entities.push(...page);
  }
  return buildOrgSnapshot(entities, new Date());
}
