/**
 * An operating-model backend module that reads each service's good and total requests from
 * Prometheus, for the availability measures.
 *
 * @packageDocumentation
 */
export { operatingModelModulePrometheus as default } from './module';
