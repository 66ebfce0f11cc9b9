import { createBackend } from '@backstage/backend-defaults';
import { examplePermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
// Logs catalog processing errors, including unreadable operating-model annotations.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(examplePermissionPolicyModule);

backend.add(
  import('@operating-model/backstage-plugin-operating-model-backend'),
);
backend.add(
  import(
    '@operating-model/backstage-plugin-operating-model-backend-module-catalog'
  ),
);
// Data sources: each is off until operatingModel.sources.<id> is configured.
backend.add(
  import(
    '@operating-model/backstage-plugin-operating-model-backend-module-github'
  ),
);
backend.add(
  import(
    '@operating-model/backstage-plugin-operating-model-backend-module-pagerduty'
  ),
);
backend.add(
  import(
    '@operating-model/backstage-plugin-operating-model-backend-module-prometheus'
  ),
);

// Search (the in-memory Lunr engine): the catalog's entities, and one document per service with
// its owner and who is on call now, so "who is on call for payments" is answered from the search bar.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(
  import(
    '@operating-model/backstage-plugin-operating-model-backend-module-search'
  ),
);

// The Scaffolder with its built-in actions (no publishing to GitHub), the catalog's
// understanding of Template entities, and the operating-model:catalog-info action for the
// onboard-service template.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(
  import(
    '@operating-model/backstage-plugin-operating-model-backend-module-scaffolder'
  ),
);

backend.start();
