import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventSourceUnmapped } from '@operating-model/backstage-plugin-operating-model-node';

/** The PagerDuty plugin's own annotation, so Components already set up for it need nothing new. */
export const SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';

/** PagerDuty object ids are short runs of letters and digits, such as `PIJ90N7`. */
const SERVICE_ID = /^[A-Za-z0-9]{1,64}$/;

/** The Components that name a PagerDuty service, by service id. */
export interface PagerDutyComponents {
  /** Component refs by PagerDuty service id; several Components may share one service. */
  byServiceId: Map<string, string[]>;
  /** Components whose annotation holds no service id at all. */
  unreadable: EventSourceUnmapped[];
}

/**
 * Reads every Component carrying `pagerduty.com/service-id` from the catalog, in pages, as this
 * plugin's own service.
 */
export async function readPagerDutyComponents(
  catalog: CatalogService,
  auth: AuthService,
): Promise<PagerDutyComponents> {
  const credentials = await auth.getOwnServiceCredentials();
  const byServiceId = new Map<string, string[]>();
  const unreadable: EventSourceUnmapped[] = [];
  for await (const page of catalog.streamEntities(
    {
      filter: {
        kind: 'Component',
        [`metadata.annotations.${SERVICE_ID_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials },
  )) {
    for (const entity of page) {
      const entityRef = stringifyEntityRef(entity);
      const value =
        entity.metadata.annotations?.[SERVICE_ID_ANNOTATION]?.trim() ?? '';
      if (!SERVICE_ID.test(value)) {
        unreadable.push({
          entityRef,
          reason: `Its ${SERVICE_ID_ANNOTATION} annotation, ${JSON.stringify(
            value,
          )}, is not a PagerDuty service id (letters and digits, such as PIJ90N7)`,
        });
        continue;
      }
      const refs = byServiceId.get(value) ?? [];
      refs.push(entityRef);
      byServiceId.set(value, refs);
    }
  }
  for (const refs of byServiceId.values()) refs.sort();
  return { byServiceId, unreadable };
}
