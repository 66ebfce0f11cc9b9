import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { OperatingModelClient, operatingModelApiRef } from '../api';

/** The client of the operating-model backend, as `api:operating-model`. */
export const operatingModelApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: operatingModelApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new OperatingModelClient(deps),
    }),
});
