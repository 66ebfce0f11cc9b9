import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleOperatingModelAnnotations } from '@internal/plugin-operating-model-backend';
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


backend.add(import('@internal/plugin-operating-model-backend'));
backend.add(catalogModuleOperatingModelAnnotations);

backend.start();
