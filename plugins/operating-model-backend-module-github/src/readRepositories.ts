import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventSourceUnmapped } from '@operating-model/backstage-plugin-operating-model-node';

/** The annotation that names a Component's GitHub repository, `owner/repo`. */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';

/** A repository to read, and the Component its deployments count for. */
export interface RepositoryTarget {
  /** `owner/repo` lower-cased: GitHub's names are not case sensitive. */
  key: string;
  owner: string;
  repo: string;
  entityRef: string;
}

/** The repositories of one run, sorted by key, and the Components that map to none. */
export interface RepositoryTargets {
  repositories: RepositoryTarget[];
  unmapped: EventSourceUnmapped[];
}

const PAGE_SIZE = 500;
// GitHub's owners are letters, digits and single hyphens; repositories may also have _ and .
const SLUG = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/**
 * Reads every Component with `github.com/project-slug` from the catalog, page by page, as this
 * plugin's own service. A repository named by several Components counts for the first of
 * them (by entity ref); the others are reported, as are slugs that are not `owner/repo`.
 */
export async function readRepositories(
  catalog: CatalogService,
  auth: AuthService,
): Promise<RepositoryTargets> {
  const credentials = await auth.getOwnServiceCredentials();
  const entities: Entity[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE }
        : {
            filter: {
              kind: 'Component',
              [`metadata.annotations.${ANNOTATION_GITHUB_PROJECT_SLUG}`]:
                CATALOG_FILTER_EXISTS,
            },
            fields: [
              'kind',
              'metadata.namespace',
              'metadata.name',
              'metadata.annotations',
            ],
            limit: PAGE_SIZE,
          },
      { credentials },
    );
    entities.push(...page.items);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return repositoriesOf(entities);
}

/** The repositories of these Components: pure, so it is tested without a catalog. */
export function repositoriesOf(entities: Entity[]): RepositoryTargets {
  const byKey = new Map<string, RepositoryTarget>();
  const unmapped: EventSourceUnmapped[] = [];
  const components = entities
    .map(entity => ({
      entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      slug: entity.metadata.annotations?.[ANNOTATION_GITHUB_PROJECT_SLUG],
    }))
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef, 'en'));
  for (const { entityRef, slug } of components) {
    const match = SLUG.exec((slug ?? '').trim().replace(/\.git$/, ''));
    if (!match) {
      unmapped.push({
        entityRef,
        reason: `${ANNOTATION_GITHUB_PROJECT_SLUG} ${JSON.stringify(
          slug ?? '',
        )} is not owner/repo`,
      });
      continue;
    }
    const [, owner, repo] = match;
    const key = `${owner}/${repo}`.toLocaleLowerCase('en-US');
    const first = byKey.get(key);
    if (first) {
      unmapped.push({
        entityRef,
        reason: `${owner}/${repo} is also the repository of ${first.entityRef}: its deployments count once, for that Component`,
      });
      continue;
    }
    byKey.set(key, { key, owner, repo, entityRef });
  }
  // Code-unit order, the order in which a run's `after` key compares.
  const repositories = [...byKey.values()].sort(
    (a, b) => Number(a.key > b.key) - Number(a.key < b.key),
  );
  return { repositories, unmapped };
}
