import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  OPERATING_MODEL_TITLES,
  OnboardingAnswers,
  OperatingModelConfig,
  assessOnboarding,
  catalogInfoYaml,
  formatAvailability,
  formatDuration,
  validateOnboardingAnswers,
} from '@operating-model/backstage-plugin-operating-model-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { examples } from './catalogInfoAction.examples';

/**
 * The id of the Scaffolder action that writes a service's `catalog-info.yaml`.
 *
 * @public
 */
export const CATALOG_INFO_ACTION_ID = 'operating-model:catalog-info';

/**
 * `operating-model:catalog-info`: writes the service's `catalog-info.yaml` into the workspace
 * from the onboarding answers and outputs the targets they set. It runs the same common
 * functions as the onboarding form on the operating-model page, so both give the same file
 * and the same targets, which are the ones the backend will assess once the file is registered.
 *
 * @public
 */
export function createCatalogInfoAction(options: {
  config: OperatingModelConfig;
  /** The instant the targets are worked out for; now, unless a test fixes it. */
  now?: () => Date;
}) {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: CATALOG_INFO_ACTION_ID,
    description:
      "Writes a service's catalog-info.yaml with its operating-model annotations from the " +
      'onboarding answers, and outputs its availability and deployment targets, recommended ' +
      'operating model and on-call level.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('The entity name of the service'),
        title: z => z.string().optional().describe('Its display name'),
        description: z => z.string().optional(),
        owner: z => z.string().describe('The owning team, a Group ref'),
        serviceClass: z =>
          z.string().describe('digital-service or foundational-system'),
        // Template expressions may hand over 250000 as a number; it is read as typed either way.
        financialExposure: z =>
          z
            .union([z.string(), z.number()])
            .describe('Money lost in an hour of unavailability, such as 200K'),
        peakFinancialExposure: z =>
          z
            .union([z.string(), z.number()])
            .optional()
            .describe('The same during peak events'),
        featureDemand: z =>
          z
            .string()
            .describe(
              'A key of operatingModel.featureDemandBands, such as very-high',
            ),
        domain: z => z.string().describe('The product domain, a Domain ref'),
        system: z => z.string().optional().describe('Its System, a System ref'),
        runbookUrl: z => z.string().optional(),
        incidentChannelUrl: z => z.string().optional(),
        declaredModel: z =>
          z
            .string()
            .optional()
            .describe(
              'The model it runs under today: you-build-it-you-run-it or ops-run-it',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Where to write the file in the workspace; default catalog-info.yaml',
            ),
      },
      output: {
        entityRef: z => z.string(),
        catalogInfo: z => z.string().describe('The catalog-info.yaml text'),
        availabilityTarget: z =>
          z.number().describe('In percent, such as 99.0'),
        availabilityTargetText: z => z.string().describe('Such as 99.0%'),
        tolerableUnavailabilityPerWeek: z =>
          z.string().describe('h:mm:ss, such as 1:40:48'),
        deploymentTarget: z => z.string().describe('Such as daily'),
        operatingModel: z =>
          z
            .string()
            .describe('The recommended model, such as you-build-it-you-run-it'),
        operatingModelTitle: z => z.string(),
        trafficLight: z => z.string(),
        onCallWorkingHours: z => z.string(),
        onCallOutOfHours: z => z.string().describe('none, domain or team'),
        warnings: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const { targetPath, financialExposure, peakFinancialExposure, ...rest } =
        ctx.input;
      const answers = {
        ...rest,
        financialExposure: String(financialExposure),
        peakFinancialExposure:
          peakFinancialExposure === undefined
            ? undefined
            : String(peakFinancialExposure),
      } as OnboardingAnswers;
      const problems = validateOnboardingAnswers(answers, config);
      if (problems.length > 0) {
        throw new InputError(
          `The onboarding answers cannot be used: ${problems
            .map(p => `${p.field}: ${p.message}`)
            .join('; ')}`,
        );
      }

      const text = catalogInfoYaml(answers);
      const path = resolveSafeChildPath(
        ctx.workspacePath,
        targetPath || 'catalog-info.yaml',
      );
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text, 'utf8');

      const assessment = assessOnboarding(answers, config, now());
      const target = assessment.availabilityTarget;
      const model = assessment.operatingModel.recommended;
      // With valid answers every rule has what it needs; anything else is a bug in the rules.
      if (
        target === null ||
        assessment.tolerableUnavailabilitySecondsPerWeek === null ||
        assessment.deploymentTarget === null ||
        model === null ||
        assessment.onCall.outOfHours === null
      ) {
        throw new Error(
          `The targets of ${
            assessment.entityRef
          } could not be worked out: ${assessment.problems
            .map(p => p.message)
            .join('; ')}`,
        );
      }
      ctx.logger.info(
        `Wrote ${path} for ${assessment.entityRef}: ${formatAvailability(
          target,
        )}, ` +
          `${assessment.deploymentTarget} deployments, ${OPERATING_MODEL_TITLES[model]}, ` +
          `out of hours ${assessment.onCall.outOfHours}`,
      );

      ctx.output('entityRef', assessment.entityRef);
      ctx.output('catalogInfo', text);
      ctx.output('availabilityTarget', target);
      ctx.output('availabilityTargetText', formatAvailability(target));
      ctx.output(
        'tolerableUnavailabilityPerWeek',
        formatDuration(assessment.tolerableUnavailabilitySecondsPerWeek),
      );
      ctx.output('deploymentTarget', assessment.deploymentTarget);
      ctx.output('operatingModel', model);
      ctx.output('operatingModelTitle', OPERATING_MODEL_TITLES[model]);
      ctx.output('trafficLight', assessment.operatingModel.trafficLight ?? '');
      ctx.output('onCallWorkingHours', assessment.onCall.workingHours);
      ctx.output('onCallOutOfHours', assessment.onCall.outOfHours);
      ctx.output(
        'warnings',
        assessment.warnings.map(w => w.message),
      );
    },
  });
}
