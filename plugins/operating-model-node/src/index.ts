/**
 * Node.js library for the operating-model backend plugin: what a backend module or a permission
 * policy needs without depending on the plugin itself: the extension point through which
 * modules add event sources, and the rota permission resource, its rules and conditions.
 *
 * @packageDocumentation
 */
export {
  rotaPermissionResourceRef,
  rotaPermissionRules,
  rotaConditions,
  createRotaConditionalDecision,
} from './rotaPermissions';
export type {
  RotaResource,
  RotaQuery,
  RotaMemberParams,
} from './rotaPermissions';
export { operatingModelEventSourcesExtensionPoint } from './eventSources';
export type {
  EventSourceAvailability,
  EventSourceDeployment,
  EventSourceEvents,
  EventSourceIncident,
  EventSourceKind,
  EventSourceReadOptions,
  EventSourceReadResult,
  EventSourceUnmapped,
  OperatingModelEventSource,
  OperatingModelEventSourcesExtensionPoint,
} from './eventSources';
