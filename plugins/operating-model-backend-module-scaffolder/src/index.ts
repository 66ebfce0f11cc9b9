/**
 * A Scaffolder module with the `operating-model:catalog-info` action: the onboarding
 * answers in, the service's catalog-info.yaml and its targets out.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOperatingModel as default } from './module';
export {
  CATALOG_INFO_ACTION_ID,
  createCatalogInfoAction,
} from './actions/catalogInfoAction';
