/** Every annotation the plugins read starts with this. */
export const ANNOTATION_PREFIX = 'operating-model.io/';

// Component annotations.
export const ANNOTATION_SERVICE_CLASS = 'operating-model.io/service-class';
export const ANNOTATION_FINANCIAL_EXPOSURE =
  'operating-model.io/financial-exposure';
export const ANNOTATION_PEAK_FINANCIAL_EXPOSURE =
  'operating-model.io/peak-financial-exposure';
export const ANNOTATION_FEATURE_DEMAND = 'operating-model.io/feature-demand';
export const ANNOTATION_OPERATING_MODEL = 'operating-model.io/operating-model';
export const ANNOTATION_PRE_APPROVED_CHANGES =
  'operating-model.io/pre-approved-changes';
export const ANNOTATION_FAILURE_DESIGN = 'operating-model.io/failure-design';
export const ANNOTATION_SERVICE_TELEMETRY =
  'operating-model.io/service-telemetry';
export const ANNOTATION_DOMAIN = 'operating-model.io/domain';

// Group annotations.
export const ANNOTATION_TIMEZONE = 'operating-model.io/timezone';
export const ANNOTATION_WORKING_HOURS = 'operating-model.io/working-hours';
export const ANNOTATION_ROTATION = 'operating-model.io/rotation';
export const ANNOTATION_HANDOFF = 'operating-model.io/handoff';
export const ANNOTATION_BUDGET_HOLDER = 'operating-model.io/budget-holder';

// User annotation.
export const ANNOTATION_ON_CALL = 'operating-model.io/on-call';

// Domain annotation.
export const ANNOTATION_ON_CALL_BUDGET_HOLDER =
  'operating-model.io/on-call-budget-holder';

/** The annotations a Component may carry; any other `operating-model.io/` name on a Component is a likely typo. */
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
];

/** The entity link types that count towards the on-call preparation checklist. */
export const LINK_TYPE_RUNBOOK = 'runbook';
export const LINK_TYPE_DASHBOARD = 'dashboard';
export const LINK_TYPE_ALERTS = 'alerts';
export const LINK_TYPE_INCIDENT_CHANNEL = 'incident-channel';
