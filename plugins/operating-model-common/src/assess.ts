import {
  ANNOTATION_DOMAIN,
  ANNOTATION_FAILURE_DESIGN,
  ANNOTATION_FEATURE_DEMAND,
  ANNOTATION_FINANCIAL_EXPOSURE,
  ANNOTATION_OPERATING_MODEL,
  ANNOTATION_PEAK_FINANCIAL_EXPOSURE,
  ANNOTATION_PREFIX,
  ANNOTATION_PRE_APPROVED_CHANGES,
  ANNOTATION_SERVICE_CLASS,
  ANNOTATION_SERVICE_TELEMETRY,
  COMPONENT_ANNOTATIONS,
  LINK_TYPE_ALERTS,
  LINK_TYPE_DASHBOARD,
  LINK_TYPE_INCIDENT_CHANNEL,
  LINK_TYPE_RUNBOOK,
} from './annotations';
import {
  availabilityBandFor,
  formatAvailability,
  nextPeakEvent,
  peakEventAt,
  tolerableUnavailabilitySecondsPerWeek,
} from './availability';
import type { AvailabilityBand, OperatingModelConfig } from './config';
import { deploymentTargetFor, normaliseFeatureDemand } from './deployment';
import {
  lowExposureLowDemandWarning,
  OPERATING_MODEL_TITLES,
  onCallLevelFor,
  recommendedOperatingModel,
  trafficLightFor,
} from './model';
import { formatMoney, parseMoney } from './money';
import {
  AssessmentProblem,
  AssessmentWarning,
  OperatingModelName,
  PracticeAnswer,
  ServiceAssessment,
  ServiceClass,
  ServiceFacts,
} from './types';

const SERVICE_CLASSES: ServiceClass[] = [
  'digital-service',
  'foundational-system',
];
const OPERATING_MODELS: OperatingModelName[] = [
  'you-build-it-you-run-it',
  'ops-run-it',
];
const PRACTICE_ANSWERS: PracticeAnswer[] = ['yes', 'partial', 'no'];

/** What the `operating-model.io/*` annotations of a Component say, once read. */
interface AnnotationReading {
  serviceClass: ServiceClass | null;
  exposure: number | null;
  peakExposure: number | null;
  featureDemand: string | null;
  declared: OperatingModelName | null;
  domain: string | null;
  preApprovedChanges: boolean | null;
  failureDesign: PracticeAnswer | null;
  serviceTelemetry: PracticeAnswer | null;
  problems: AssessmentProblem[];
  warnings: AssessmentWarning[];
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function oneOf(values: string[]): string {
  if (values.length <= 1) {
    return values.join('');
  }
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

const ENTITY_NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';
const DOMAIN_REF = new RegExp(
  `^(?:([A-Za-z][A-Za-z0-9-]*):)?(?:(${ENTITY_NAME})/)?(${ENTITY_NAME})$`,
);

// Turns `furnishing`, `default/furnishing` or `domain:furnishing` into `domain:default/furnishing`, or null.
function domainRef(text: string): string | null {
  const match = DOMAIN_REF.exec(text);
  if (!match) {
    return null;
  }
  const [, kind, namespace, name] = match;
  if (kind !== undefined && kind.toLowerCase() !== 'domain') {
    return null;
  }
  return `domain:${(namespace ?? 'default').toLowerCase()}/${name}`;
}

function readAnnotations(
  facts: ServiceFacts,
  config: OperatingModelConfig,
): AnnotationReading {
  const annotations: Record<string, unknown> = facts.annotations ?? {};
  const problems: AssessmentProblem[] = [];
  const warnings: AssessmentWarning[] = [];

  const read = (annotation: string): string | undefined => {
    const value = annotations[annotation];
    if (value === undefined || value === null) {
      return undefined;
    }
    return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  };
  const problem = (annotation: string, value: string, message: string) => {
    problems.push({ annotation, value, message });
  };
  const readChoice = <T extends string>(
    annotation: string,
    choices: T[],
    what: string,
  ): T | null => {
    const value = read(annotation);
    if (value === undefined) {
      return null;
    }
    const choice = value.trim().toLowerCase() as T;
    if (choices.includes(choice)) {
      return choice;
    }
    problem(
      annotation,
      value,
      `${quote(value)} is not ${what}; expected ${oneOf(choices)}`,
    );
    return null;
  };
  const readMoney = (annotation: string): number | null => {
    const value = read(annotation);
    if (value === undefined) {
      return null;
    }
    const result = parseMoney(value);
    if (result.ok) {
      return result.value;
    }
    problem(annotation, value, result.message);
    return null;
  };

  const classValue = read(ANNOTATION_SERVICE_CLASS);
  const serviceClass =
    classValue === undefined
      ? 'digital-service'
      : readChoice(
          ANNOTATION_SERVICE_CLASS,
          SERVICE_CLASSES,
          'a service class',
        );

  const exposure = readMoney(ANNOTATION_FINANCIAL_EXPOSURE);
  if (read(ANNOTATION_FINANCIAL_EXPOSURE) === undefined) {
    problem(
      ANNOTATION_FINANCIAL_EXPOSURE,
      '',
      'The annotation is missing; expected the most money the service can lose in one hour ' +
        'of unavailability, such as 200000, 200K, 1.5M or 250,000',
    );
  }
  const peakExposure = readMoney(ANNOTATION_PEAK_FINANCIAL_EXPOSURE);

  const demandKeys = Object.keys(config.featureDemandBands);
  const demandValue = read(ANNOTATION_FEATURE_DEMAND);
  let featureDemand: string | null = null;
  if (demandValue === undefined) {
    problem(
      ANNOTATION_FEATURE_DEMAND,
      '',
      `The annotation is missing; expected one of ${demandKeys.join(', ')}`,
    );
  } else if (deploymentTargetFor(demandValue, config) === null) {
    problem(
      ANNOTATION_FEATURE_DEMAND,
      demandValue,
      `${quote(
        demandValue,
      )} is not a feature demand band; expected one of ${demandKeys.join(
        ', ',
      )}`,
    );
  } else {
    featureDemand = normaliseFeatureDemand(demandValue);
  }

  const declared = readChoice(
    ANNOTATION_OPERATING_MODEL,
    OPERATING_MODELS,
    'an operating model',
  );
  const preApproved = readChoice(
    ANNOTATION_PRE_APPROVED_CHANGES,
    ['true', 'false'],
    'true or false',
  );
  const failureDesign = readChoice(
    ANNOTATION_FAILURE_DESIGN,
    PRACTICE_ANSWERS,
    'an answer to the failure design question',
  );
  const serviceTelemetry = readChoice(
    ANNOTATION_SERVICE_TELEMETRY,
    PRACTICE_ANSWERS,
    'an answer to the service telemetry question',
  );

  const domainValue = read(ANNOTATION_DOMAIN);
  let domain: string | null = null;
  if (domainValue !== undefined) {
    domain = domainRef(domainValue.trim());
    if (domain === null) {
      problem(
        ANNOTATION_DOMAIN,
        domainValue,
        `${quote(
          domainValue,
        )} is not a Domain; expected a Domain name such as furnishing, ` +
          'or a reference such as domain:default/furnishing',
      );
    }
  }

  for (const name of Object.keys(annotations)) {
    if (
      name.startsWith(ANNOTATION_PREFIX) &&
      !COMPONENT_ANNOTATIONS.includes(name)
    ) {
      warnings.push({
        code: 'unknown-annotation',
        message: `${name} is not an annotation these plugins read on a Component; check its spelling`,
      });
    }
  }

  return {
    serviceClass,
    exposure,
    peakExposure,
    featureDemand,
    declared,
    domain,
    preApprovedChanges: preApproved === null ? null : preApproved === 'true',
    failureDesign,
    serviceTelemetry,
    problems,
    warnings,
  };
}

/**
 * The problems with a Component's `operating-model.io/*` annotations, the same
 * ones `assessService` reports, for the catalog to show as processing errors.
 *
 * @public
 */
export function annotationProblems(
  facts: ServiceFacts,
  config: OperatingModelConfig,
): AssessmentProblem[] {
  return readAnnotations(facts, config).problems;
}

function linksOf(facts: ServiceFacts): ServiceAssessment['links'] {
  const links: ServiceAssessment['links'] = {};
  const byType: Record<string, keyof ServiceAssessment['links']> = {
    [LINK_TYPE_RUNBOOK]: 'runbook',
    [LINK_TYPE_DASHBOARD]: 'dashboard',
    [LINK_TYPE_ALERTS]: 'alerts',
    [LINK_TYPE_INCIDENT_CHANNEL]: 'incidentChannel',
  };
  for (const link of facts.links ?? []) {
    const type =
      typeof link?.type === 'string' ? link.type.trim().toLowerCase() : '';
    const field = Object.prototype.hasOwnProperty.call(byType, type)
      ? byType[type]
      : undefined;
    if (field && links[field] === undefined && typeof link.url === 'string') {
      links[field] = link.url;
    }
  }
  return links;
}

/**
 * Applies every rule to one service at one instant: availability and
 * deployment targets, recommended model, traffic light and on-call level.
 * Never throws for bad annotations; each becomes an entry in `problems` and
 * everything that does not depend on it is still worked out.
 *
 * @public
 */
export function assessService(
  facts: ServiceFacts,
  config: OperatingModelConfig,
  at: Date,
): ServiceAssessment {
  const reading = readAnnotations(facts, config);
  const warnings = [...reading.warnings];
  const money = (value: number) => formatMoney(value, config.currency);

  const activePeak = peakEventAt(config.peakEvents, at);
  const upcomingPeak = activePeak ? null : nextPeakEvent(config.peakEvents, at);

  const baseBand =
    reading.exposure === null
      ? null
      : availabilityBandFor(reading.exposure, config.availabilityBands);

  // Rule 3: during a peak event the peak exposure selects the band, as an upgrade only.
  let exposureInForce = reading.exposure;
  if (activePeak && reading.peakExposure !== null) {
    exposureInForce = Math.max(reading.peakExposure, reading.exposure ?? 0);
  }
  const bandInForce =
    exposureInForce === null
      ? null
      : availabilityBandFor(exposureInForce, config.availabilityBands);
  const band: AvailabilityBand | null = bandInForce?.band ?? null;
  const target = band?.availability ?? null;

  if (bandInForce?.aboveHighestBand && exposureInForce !== null) {
    const highest = bandInForce.band;
    warnings.push({
      code: 'exposure-above-highest-band',
      message:
        `An exposure of ${money(
          exposureInForce,
        )} an hour is above the highest band ` +
        `(up to ${money(highest.maxExposurePerHour)}), so that band's ` +
        `${formatAvailability(
          highest.availability,
        )} target applies; consider adding a higher band`,
    });
  }

  const deploymentTarget =
    reading.featureDemand === null
      ? null
      : deploymentTargetFor(reading.featureDemand, config);

  // The operating model suits the service's usual exposure; a peak week changes cover, not the model.
  const baseTarget = baseBand?.band.availability ?? null;
  const recommended = recommendedOperatingModel(
    baseTarget,
    reading.serviceClass,
  );
  const declared = reading.declared;
  const light =
    deploymentTarget === null
      ? null
      : trafficLightFor(
          baseTarget,
          deploymentTarget,
          config.deploymentFrequencies,
        );

  if (declared !== null && recommended !== null && declared !== recommended) {
    warnings.push({
      code: 'declared-model-differs',
      message:
        `The service runs under ${OPERATING_MODEL_TITLES[declared]}, but ` +
        `${OPERATING_MODEL_TITLES[recommended]} is recommended for its class and targets`,
    });
  }

  const lowDemand = lowExposureLowDemandWarning(
    reading.serviceClass,
    baseBand?.band ?? null,
    deploymentTarget,
    config,
  );
  if (lowDemand) {
    warnings.push(lowDemand);
  }

  const model = declared ?? recommended;
  const onCall =
    model === null
      ? { workingHours: 'team' as const, outOfHours: null }
      : onCallLevelFor(model, band);

  if (activePeak && reading.peakExposure !== null && target !== null) {
    warnings.push({
      code: 'peak-event-active',
      message:
        `${activePeak.name} is on until ${activePeak.end}: the peak exposure of ` +
        `${money(
          reading.peakExposure,
        )} an hour sets the target to ${formatAvailability(target)} ` +
        `and out-of-hours cover to ${
          onCall.outOfHours ?? 'unknown'
        } until then`,
    });
  }

  const peakEvent = activePeak ?? upcomingPeak;

  const assessment: ServiceAssessment = {
    entityRef: facts.entityRef,
    serviceClass: reading.serviceClass,
    owner: facts.owner ?? null,
    system: facts.system ?? null,
    domain: facts.domain ?? reading.domain,
    financialExposurePerHour: reading.exposure,
    peakFinancialExposurePerHour: reading.peakExposure,
    featureDemand: reading.featureDemand,
    availabilityTarget: target,
    tolerableUnavailabilitySecondsPerWeek:
      target === null ? null : tolerableUnavailabilitySecondsPerWeek(target),
    deploymentTarget,
    operatingModel: {
      recommended,
      declared,
      trafficLight: light?.light ?? null,
      leaning: light?.leaning ?? null,
    },
    onCall,
    peak: peakEvent
      ? { event: { ...peakEvent }, active: peakEvent === activePeak }
      : null,
    practices: {
      preApprovedChanges: reading.preApprovedChanges,
      failureDesign: reading.failureDesign,
      serviceTelemetry: reading.serviceTelemetry,
    },
    links: linksOf(facts),
    problems: reading.problems,
    warnings,
    at: at.toISOString(),
  };
  if (facts.title !== undefined) {
    assessment.title = facts.title;
  }
  return assessment;
}
