/**
 * Node.js library for the operating-model backend plugin: what a backend module or a permission
 * policy needs without depending on the plugin itself (the rota permission resource, its rules
 * and conditions).
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
