/**
 * The operating-model backend plugin, and the catalog module that reports annotation problems.
 *
 * @packageDocumentation
 */
export { operatingModelPlugin as default } from './plugin';
export { catalogModuleOperatingModelAnnotations } from './module';
export {
  rotaPermissionResourceRef,
  rotaPermissionRules,
  rotaConditions,
  createRotaConditionalDecision,
} from './permissions/rotaPermissions';
export type { RotaResource } from './permissions/rotaPermissions';
