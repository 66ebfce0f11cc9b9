import {
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { stringify } from 'yaml';
import {
  ANNOTATION_DOMAIN,
  ANNOTATION_FEATURE_DEMAND,
  ANNOTATION_FINANCIAL_EXPOSURE,
  ANNOTATION_OPERATING_MODEL,
  ANNOTATION_PEAK_FINANCIAL_EXPOSURE,
  ANNOTATION_SERVICE_CLASS,
  LINK_TYPE_INCIDENT_CHANNEL,
  LINK_TYPE_RUNBOOK,
} from './annotations';
import { assessService } from './assess';
import type { OperatingModelConfig } from './config';
import { deploymentTargetFor } from './deployment';
import { parseMoney } from './money';
import {
  OperatingModelName,
  ServiceAssessment,
  ServiceClass,
  ServiceFacts,
} from './types';

/**
 * The non-technical questions a platform team asks when a service is onboarded; everything
 * the service's `catalog-info.yaml` needs for the operating-model rules comes from them.
 *
 * @public
 */
export interface OnboardingAnswers {
  /** The Component's entity name, for example `bedroom`. */
  name: string;
  title?: string;
  description?: string;
  /** The owning team, a Group ref such as `group:default/bedroom-team` or `bedroom-team`. */
  owner: string;
  serviceClass: ServiceClass;
  /** Money lost in an hour of unavailability, as typed: `200K`, `1.5M`, `250,000`. */
  financialExposure: string;
  peakFinancialExposure?: string;
  /** A key of `operatingModel.featureDemandBands`, for example `very-high`. */
  featureDemand: string;
  /** The product domain, a Domain ref such as `domain:default/furnishing` or `furnishing`. */
  domain: string;
  /** The System the service belongs to, which must be in `domain`; optional. */
  system?: string;
  runbookUrl?: string;
  incidentChannelUrl?: string;
  /** The model the service runs under today, where it already runs. */
  declaredModel?: OperatingModelName;
}

/**
 * A field of the onboarding answers that cannot be used, and why.
 *
 * @public
 */
export interface OnboardingProblem {
  field: keyof OnboardingAnswers;
  /** The value as given, or an empty string when it is missing. */
  value: string;
  message: string;
}

const SERVICE_CLASSES: ServiceClass[] = [
  'digital-service',
  'foundational-system',
];
const OPERATING_MODELS: OperatingModelName[] = [
  'you-build-it-you-run-it',
  'ops-run-it',
];

const validators = makeValidator();

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** `bedroom-team` → `group:default/bedroom-team`; null when it is not a ref of that kind. */
function entityRefOf(value: string, kind: string): string | null {
  try {
    const ref = parseEntityRef(value, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
    if (
      ref.kind.toLocaleLowerCase('en-US') !== kind ||
      !validators.isValidNamespace(ref.namespace) ||
      !validators.isValidEntityName(ref.name)
    ) {
      return null;
    }
    return stringifyEntityRef(ref);
  } catch {
    return null;
  }
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Checks the onboarding answers and names each field that cannot be used. With the config,
 * the feature demand is checked against its bands; money is read by `parseMoney`, as the
 * backend reads the annotations, so the messages are the same.
 *
 * @public
 */
export function validateOnboardingAnswers(
  answers: Partial<OnboardingAnswers>,
  config?: Pick<OperatingModelConfig, 'featureDemandBands'>,
): OnboardingProblem[] {
  const problems: OnboardingProblem[] = [];
  const problem = (
    field: keyof OnboardingAnswers,
    value: string,
    message: string,
  ) => problems.push({ field, value, message });

  const name = text(answers.name);
  if (!name) {
    problem(
      'name',
      '',
      'The service name is missing; expected a name such as bedroom-shop',
    );
  } else if (!validators.isValidEntityName(name)) {
    problem(
      'name',
      name,
      `${JSON.stringify(
        name,
      )} is not a catalog entity name; use up to 63 letters, digits, ` +
        'hyphens, underscores and dots, starting and ending with a letter or digit, such as bedroom-shop',
    );
  }

  const owner = text(answers.owner);
  if (!owner) {
    problem(
      'owner',
      '',
      'The owning team is missing; expected a Group such as group:default/bedroom-team',
    );
  } else if (entityRefOf(owner, 'group') === null) {
    problem(
      'owner',
      owner,
      `${JSON.stringify(
        owner,
      )} is not a Group; expected a team such as bedroom-team or group:default/bedroom-team`,
    );
  }

  const serviceClass = text(answers.serviceClass);
  if (!SERVICE_CLASSES.includes(serviceClass as ServiceClass)) {
    problem(
      'serviceClass',
      serviceClass,
      `${JSON.stringify(
        serviceClass,
      )} is not a service class; expected ${SERVICE_CLASSES.join(' or ')}`,
    );
  }

  const exposure = text(answers.financialExposure);
  if (!exposure) {
    problem(
      'financialExposure',
      '',
      'The financial exposure is missing; expected the most money the service can lose in one ' +
        'hour of unavailability, such as 200000, 200K, 1.5M or 250,000',
    );
  } else {
    const money = parseMoney(exposure);
    if (!money.ok) problem('financialExposure', exposure, money.message);
  }

  const peak = text(answers.peakFinancialExposure);
  if (peak) {
    const money = parseMoney(peak);
    if (!money.ok) problem('peakFinancialExposure', peak, money.message);
  }

  const demand = text(answers.featureDemand);
  const bands = config ? Object.keys(config.featureDemandBands) : [];
  if (!demand) {
    problem(
      'featureDemand',
      '',
      `The feature demand is missing${
        bands.length ? `; expected one of ${bands.join(', ')}` : ''
      }`,
    );
  } else if (config && deploymentTargetFor(demand, config) === null) {
    problem(
      'featureDemand',
      demand,
      `${JSON.stringify(
        demand,
      )} is not a feature demand band; expected one of ${bands.join(', ')}`,
    );
  }

  const domain = text(answers.domain);
  if (!domain) {
    problem(
      'domain',
      '',
      'The product domain is missing; expected a Domain such as domain:default/furnishing',
    );
  } else if (entityRefOf(domain, 'domain') === null) {
    problem(
      'domain',
      domain,
      `${JSON.stringify(
        domain,
      )} is not a Domain; expected a name such as furnishing or domain:default/furnishing`,
    );
  }

  const system = text(answers.system);
  if (system && entityRefOf(system, 'system') === null) {
    problem(
      'system',
      system,
      `${JSON.stringify(
        system,
      )} is not a System; expected a name such as room-shops or system:default/room-shops`,
    );
  }

  const urls: Array<[keyof OnboardingAnswers, string]> = [
    ['runbookUrl', 'runbook'],
    ['incidentChannelUrl', 'incident channel'],
  ];
  for (const [field, what] of urls) {
    const url = text(answers[field]);
    if (url && !isWebAddress(url)) {
      problem(
        field,
        url,
        `${JSON.stringify(
          url,
        )} is not a web address; expected the ${what}'s link, starting with https://`,
      );
    }
  }

  const declared = text(answers.declaredModel);
  if (declared && !OPERATING_MODELS.includes(declared as OperatingModelName)) {
    problem(
      'declaredModel',
      declared,
      `${JSON.stringify(
        declared,
      )} is not an operating model; expected ${OPERATING_MODELS.join(' or ')}`,
    );
  }

  return problems;
}

/**
 * The Component entity for a service onboarded with these answers, as its `catalog-info.yaml`
 * should describe it. Values are written as given (trimmed, refs made full) even where
 * `validateOnboardingAnswers` finds them wrong, so the form can show what would be committed.
 *
 * @public
 */
export function catalogInfoFor(answers: OnboardingAnswers): Entity {
  const owner = text(answers.owner);
  const domain = text(answers.domain);
  const system = text(answers.system);
  const annotations: Record<string, string> = {
    [ANNOTATION_SERVICE_CLASS]: text(answers.serviceClass),
    [ANNOTATION_FINANCIAL_EXPOSURE]: text(answers.financialExposure),
  };
  const peak = text(answers.peakFinancialExposure);
  if (peak) annotations[ANNOTATION_PEAK_FINANCIAL_EXPOSURE] = peak;
  annotations[ANNOTATION_FEATURE_DEMAND] = text(answers.featureDemand);
  const declared = text(answers.declaredModel);
  if (declared) annotations[ANNOTATION_OPERATING_MODEL] = declared;
  // The contract: a service's domain is its System's; the annotation is only for services without one.
  if (!system && domain) {
    annotations[ANNOTATION_DOMAIN] = entityRefOf(domain, 'domain') ?? domain;
  }

  const links: Array<{ url: string; title: string; type: string }> = [];
  const runbook = text(answers.runbookUrl);
  if (runbook) {
    links.push({ url: runbook, title: 'Runbook', type: LINK_TYPE_RUNBOOK });
  }
  const channel = text(answers.incidentChannelUrl);
  if (channel) {
    links.push({
      url: channel,
      title: 'Incident channel',
      type: LINK_TYPE_INCIDENT_CHANNEL,
    });
  }

  const metadata: Entity['metadata'] = { name: text(answers.name) };
  const title = text(answers.title);
  if (title) metadata.title = title;
  const description = text(answers.description);
  if (description) metadata.description = description;
  metadata.annotations = annotations;
  if (links.length > 0) metadata.links = links;

  const spec: Record<string, string> = {
    type: 'service',
    lifecycle: 'production',
    owner: entityRefOf(owner, 'group') ?? owner,
  };
  if (system) spec.system = entityRefOf(system, 'system') ?? system;

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata,
    spec,
  };
}

/**
 * The text of the `catalog-info.yaml` to commit beside the service's code.
 *
 * @public
 */
export function catalogInfoYaml(answers: OnboardingAnswers): string {
  return stringify(catalogInfoFor(answers), { lineWidth: 0 });
}

/**
 * The facts the backend would gather from the Component `catalogInfoFor` gives, with the
 * answered domain standing in for the one the service's System will give once registered.
 *
 * @public
 */
export function onboardingFacts(answers: OnboardingAnswers): ServiceFacts {
  const entity = catalogInfoFor(answers);
  const spec = entity.spec as Record<string, string>;
  const domain = text(answers.domain);
  const facts: ServiceFacts = {
    entityRef: `component:default/${entity.metadata.name}`,
    owner: spec.owner || null,
    system: spec.system ?? null,
    domain: domain ? entityRefOf(domain, 'domain') ?? domain : null,
    annotations: { ...(entity.metadata.annotations ?? {}) },
    links: (entity.metadata.links ?? []).map(link => ({
      url: link.url,
      type: link.type,
      title: link.title,
    })),
  };
  if (entity.metadata.title !== undefined) facts.title = entity.metadata.title;
  return facts;
}

/**
 * The assessment the backend will make of the service once its `catalog-info.yaml` is in the
 * catalog: `assessService` run on the facts that file gives, so the form and the backend agree.
 *
 * @public
 */
export function assessOnboarding(
  answers: OnboardingAnswers,
  config: OperatingModelConfig,
  at: Date,
): ServiceAssessment {
  return assessService(onboardingFacts(answers), config, at);
}
