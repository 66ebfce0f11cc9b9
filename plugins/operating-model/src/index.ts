/**
 * The operating-model frontend plugin: the entity card, the `/operating-model` page and the
 * API client. For the new frontend system, import the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  operatingModelPlugin,
  EntityOperatingModelCard,
  OperatingModelPage,
  EntityOnCallCard,
  EntityRotaContent,
} from './plugin';
export { isOperatingModelAvailable, isOnCallRotaAvailable } from './conditions';
export { operatingModelApiRef, OperatingModelClient } from './api';
export type { AssessedService, OperatingModelApi } from './api';
export { rootRouteRef as operatingModelRouteRef } from './routes';
