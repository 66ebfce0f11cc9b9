import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityPresentationApi,
  EntityRefPresentationSnapshot,
} from '@backstage/plugin-catalog-react';

/** The display names the tests expect the catalog to give people and teams. */
export const TEST_TITLES: Record<string, string> = {
  'user:default/alice': 'Alice',
  'user:default/bob': 'Bob',
  'user:default/carol': 'Carol',
  'user:default/gina': 'Gina',
  'group:default/bedroom-team': 'Bedroom team',
  'group:default/kitchen-team': 'Kitchen team',
  'domain:default/furnishing': 'Furnishing',
};

/** An entity presentation API that names entities from a fixed table, as the catalog's would. */
export function entityPresentationApiMock(
  titles: Record<string, string> = TEST_TITLES,
): EntityPresentationApi {
  return {
    forEntity(entityOrRef) {
      const ref = (
        typeof entityOrRef === 'string'
          ? entityOrRef
          : stringifyEntityRef(entityOrRef)
      ).toLocaleLowerCase('en-US');
      const snapshot: EntityRefPresentationSnapshot = {
        entityRef: ref,
        primaryTitle: titles[ref] ?? ref,
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}
