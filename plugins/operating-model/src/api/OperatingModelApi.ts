import { createApiRef } from '@backstage/core-plugin-api';
import { ServiceAssessment } from '@internal/plugin-operating-model-common';

/** A service's assessment with the display titles of it and its owner, domain and system. */
export interface AssessedService extends ServiceAssessment {
  titles: {
    service: string;
    owner: string | null;
    domain: string | null;
    system: string | null;
  };
}

/** What the frontend asks of the operating-model backend. */
export interface OperatingModelApi {
  /** Every assessed service, as at `at` (default now). */
  listServices(options?: { at?: Date }): Promise<AssessedService[]>;
  /** One service, by entity ref; rejects with a 404 ResponseError when it is not assessed. */
  getService(entityRef: string, options?: { at?: Date }): Promise<AssessedService>;
}

/** @public */
export const operatingModelApiRef = createApiRef<OperatingModelApi>({
  id: 'plugin.operating-model.service',
});
