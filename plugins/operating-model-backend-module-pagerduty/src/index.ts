/**
 * An operating-model backend module that reads incidents from PagerDuty's REST API for every
 * Component annotated with `pagerduty.com/service-id`.
 *
 * @packageDocumentation
 */
export { operatingModelModulePagerDuty as default } from './module';
