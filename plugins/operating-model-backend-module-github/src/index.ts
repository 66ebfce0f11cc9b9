/**
 * An operating-model backend module that reads each Component's production deployments from
 * GitHub, for the deployment frequency and lead time measures.
 *
 * @packageDocumentation
 */
export { operatingModelModuleGitHub as default } from './module';
