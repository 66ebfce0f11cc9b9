/**
 * Every annotation the plugins read starts with this.
 *
 * @public
 */
export const ANNOTATION_PREFIX = 'operating-model.io/';

// Component annotations.
/**
 * Component annotation: `digital-service` (the default) or `foundational-system`.
 *
 * @public
 */
export const ANNOTATION_SERVICE_CLASS = 'operating-model.io/service-class';
/**
 * Component annotation: the most money lost in an hour of unavailability, such as `200K`.
 *
 * @public
 */
export const ANNOTATION_FINANCIAL_EXPOSURE =
  'operating-model.io/financial-exposure';
/**
 * Component annotation: the financial exposure during the configured peak events.
 *
 * @public
 */
export const ANNOTATION_PEAK_FINANCIAL_EXPOSURE =
  'operating-model.io/peak-financial-exposure';
/**
 * Component annotation: a key of `operatingModel.featureDemandBands`, such as `very-high`.
 *
 * @public
 */
export const ANNOTATION_FEATURE_DEMAND = 'operating-model.io/feature-demand';
/**
 * Component annotation: the operating model the service runs under today, where declared.
 *
 * @public
 */
export const ANNOTATION_OPERATING_MODEL = 'operating-model.io/operating-model';
/**
 * Component annotation: `true` when the team's changes are pre-approved.
 *
 * @public
 */
export const ANNOTATION_PRE_APPROVED_CHANGES =
  'operating-model.io/pre-approved-changes';
/**
 * Component annotation: whether the service is designed for failure (`yes`, `partial` or `no`).
 *
 * @public
 */
export const ANNOTATION_FAILURE_DESIGN = 'operating-model.io/failure-design';
/**
 * Component annotation: whether the service has its own logging, monitoring and alerts (`yes`,
 * `partial` or `no`).
 *
 * @public
 */
export const ANNOTATION_SERVICE_TELEMETRY =
  'operating-model.io/service-telemetry';
/**
 * Component annotation: the product domain of a Component that has no System.
 *
 * @public
 */
export const ANNOTATION_DOMAIN = 'operating-model.io/domain';
/**
 * Component annotation: a PromQL selector of the counter of the service's good requests, read by
 * the Prometheus module, such as `http_requests_total{job="bedroom",code!~"5.."}`.
 *
 * @public
 */
export const ANNOTATION_PROMETHEUS_GOOD = 'operating-model.io/prometheus-good';
/**
 * Component annotation: a PromQL selector of the counter of all the service's requests, read by
 * the Prometheus module, such as `http_requests_total{job="bedroom"}`.
 *
 * @public
 */
export const ANNOTATION_PROMETHEUS_TOTAL =
  'operating-model.io/prometheus-total';

// Group annotations.
/**
 * Group annotation: the team's time zone, such as `Europe/London`.
 *
 * @public
 */
export const ANNOTATION_TIMEZONE = 'operating-model.io/timezone';
/**
 * Group annotation: the team's working hours, such as `Mon-Fri 09:00-17:30`.
 *
 * @public
 */
export const ANNOTATION_WORKING_HOURS = 'operating-model.io/working-hours';
/**
 * Group annotation: the length of one on-call shift, such as `1w`.
 *
 * @public
 */
export const ANNOTATION_ROTATION = 'operating-model.io/rotation';
/**
 * Group annotation: when one shift hands off to the next, such as `Mon 09:00`.
 *
 * @public
 */
export const ANNOTATION_HANDOFF = 'operating-model.io/handoff';
/**
 * Group annotation: the senior manager whose budget pays for the team's on-call.
 *
 * @public
 */
export const ANNOTATION_BUDGET_HOLDER = 'operating-model.io/budget-holder';

// User annotation.
/**
 * User annotation: `opt-out` keeps the person off every rota.
 *
 * @public
 */
export const ANNOTATION_ON_CALL = 'operating-model.io/on-call';

// Domain annotation.
/**
 * Domain annotation: the Group that funds the domain's out-of-hours rota.
 *
 * @public
 */
export const ANNOTATION_ON_CALL_BUDGET_HOLDER =
  'operating-model.io/on-call-budget-holder';

/**
 * The annotations a Component may carry; any other `operating-model.io/` name on a Component is a
 * likely typo.
 *
 * @public
 */
export const COMPONENT_ANNOTATIONS: readonly string[] = [
  ANNOTATION_SERVICE_CLASS,
  ANNOTATION_FINANCIAL_EXPOSURE,
  ANNOTATION_PEAK_FINANCIAL_EXPOSURE,
  ANNOTATION_FEATURE_DEMAND,
  ANNOTATION_OPERATING_MODEL,
  ANNOTATION_PRE_APPROVED_CHANGES,
  ANNOTATION_FAILURE_DESIGN,
  ANNOTATION_SERVICE_TELEMETRY,
  ANNOTATION_DOMAIN,
  ANNOTATION_PROMETHEUS_GOOD,
  ANNOTATION_PROMETHEUS_TOTAL,
];

/**
 * Entity link type of a service's runbook. It and the three link types below are the ones that
 * count towards the on-call preparation checklist.
 *
 * @public
 */
export const LINK_TYPE_RUNBOOK = 'runbook';
/**
 * Entity link type of a service's dashboard.
 *
 * @public
 */
export const LINK_TYPE_DASHBOARD = 'dashboard';
/**
 * Entity link type of a service's alerts.
 *
 * @public
 */
export const LINK_TYPE_ALERTS = 'alerts';
/**
 * Entity link type of the chat channel where a service's incidents are worked on.
 *
 * @public
 */
export const LINK_TYPE_INCIDENT_CHANNEL = 'incident-channel';
