/**
 * What kind of software service a Component is (annotation `operating-model.io/service-class`).
 *
 * @public
 */
export type ServiceClass = 'digital-service' | 'foundational-system';

/**
 * The two operating models a service can run under.
 *
 * @public
 */
export type OperatingModelName = 'you-build-it-you-run-it' | 'ops-run-it';

/**
 * Who is on call out of hours: nobody, a schedule shared by the domain's teams, or the owning team.
 *
 * @public
 */
export type OutOfHoursLevel = 'none' | 'domain' | 'team';

/**
 * Readiness of a service to move to You Build It You Run It.
 *
 * @public
 */
export type TrafficLight = 'green' | 'amber' | 'red';

/**
 * A survey answer given by a team about its own service.
 *
 * @public
 */
export type PracticeAnswer = 'yes' | 'partial' | 'no';

/**
 * An annotation value that could not be read.
 *
 * @public
 */
export interface AssessmentProblem {
  /** The full annotation name, for example `operating-model.io/financial-exposure`. */
  annotation: string;
  /** The value as written, or an empty string when the annotation is missing. */
  value: string;
  /** What is wrong and what is expected instead. */
  message: string;
}

/**
 * Something worth a second look that does not stop the assessment.
 *
 * @public
 */
export interface AssessmentWarning {
  code: string;
  message: string;
}

/**
 * A configured peak business event, with ISO instants; the end is exclusive.
 *
 * @public
 */
export interface PeakEventWindow {
  name: string;
  start: string;
  end: string;
}

/**
 * The targets, operating model and on-call level of one service at one instant.
 *
 * @public
 */
export interface ServiceAssessment {
  entityRef: string;
  title?: string;
  /** Null when the `operating-model.io/service-class` value cannot be read. */
  serviceClass: ServiceClass | null;
  /** The owning Group's entity ref. */
  owner: string | null;
  system: string | null;
  /** The product domain's entity ref. */
  domain: string | null;
  financialExposurePerHour: number | null;
  peakFinancialExposurePerHour: number | null;
  featureDemand: string | null;
  /** The availability target in force at `at`, in percent. */
  availabilityTarget: number | null;
  tolerableUnavailabilitySecondsPerWeek: number | null;
  /** The name of a deployment frequency, for example `weekly`. */
  deploymentTarget: string | null;
  operatingModel: {
    recommended: OperatingModelName | null;
    declared: OperatingModelName | null;
    trafficLight: TrafficLight | null;
    /** For an amber light, the model the availability target tips it towards. */
    leaning: OperatingModelName | null;
  };
  onCall: {
    workingHours: 'team';
    outOfHours: OutOfHoursLevel | null;
  };
  /** The peak event on at `at`, else the next one to come, else null. */
  peak: { event: PeakEventWindow; active: boolean } | null;
  /** The team's own answers to the survey measures; null where not given or unreadable. */
  practices: {
    preApprovedChanges: boolean | null;
    failureDesign: PracticeAnswer | null;
    serviceTelemetry: PracticeAnswer | null;
  };
  links: {
    runbook?: string;
    incidentChannel?: string;
    dashboard?: string;
    alerts?: string;
  };
  problems: AssessmentProblem[];
  warnings: AssessmentWarning[];
  /** The instant assessed, as an ISO string. */
  at: string;
}

/**
 * What `assessService` needs to know about a Component, gathered from the catalog.
 *
 * @public
 */
export interface ServiceFacts {
  entityRef: string;
  title?: string;
  owner: string | null;
  system: string | null;
  domain: string | null;
  annotations: Record<string, string>;
  links: Array<{ url: string; type?: string; title?: string }>;
  /** The entities it depends on (`dependsOn` relations), for the ownership rules; absent where not read. */
  dependsOn?: string[];
}
