import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  IncidentLossAnswer,
  JOURNEY_IMPACTS,
  JourneyImpact,
  OperatingModelConfig,
  exposurePerHourInForce,
  incidentLossCategory,
  lossAfterMinutes,
  parseMoney,
} from '@operating-model/backstage-plugin-operating-model-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ServiceAssessments } from '../assessments/ServiceAssessments';

export interface IncidentLossRouterOptions {
  assessments: ServiceAssessments;
  operatingModelConfig: OperatingModelConfig;
  httpAuth: HttpAuthService;
  now: () => Date;
  ready: () => Promise<void>;
}

const FIELDS = [
  'entityRef',
  'lossSoFar',
  'lossPerHour',
  'minutesSoFar',
  'journey',
  'security',
];

const money = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const result = parseMoney(value);
  if (!result.ok) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a non-negative amount such as 12000, 12K or 1.5M',
    });
    return z.NEVER;
  }
  return result.value;
});

const serviceRef = z.string().transform((value, ctx) => {
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') === 'component') {
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    }
  } catch {
    // Reported below with the shape expected.
  }
  ctx.addIssue({
    code: 'custom',
    message:
      'expected a component entity ref such as component:default/bedroom',
  });
  return z.NEVER;
});

const body = z
  .object(
    {
      entityRef: serviceRef.nullish(),
      lossSoFar: money.nullish(),
      lossPerHour: money.nullish(),
      minutesSoFar: z
        .number({
          errorMap: () => ({
            message: 'expected a non-negative number of minutes',
          }),
        })
        .finite()
        .nonnegative()
        .nullish(),
      journey: z.enum(JOURNEY_IMPACTS as [JourneyImpact, ...JourneyImpact[]], {
        errorMap: () => ({
          message: `expected one of ${JOURNEY_IMPACTS.join(', ')}`,
        }),
      }),
      security: z.boolean({
        errorMap: () => ({ message: 'expected true or false' }),
      }),
    },
    {
      errorMap: () => ({
        message: 'expected a JSON object with journey and security',
      }),
    },
  )
  .strict();

/** Reads the body, or throws a 400 whose message starts with the field at fault. */
function readBody(raw: unknown) {
  const result = body.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    throw new InputError(
      `${issue.keys[0]}: is not a field of this request; expected ${FIELDS.join(
        ', ',
      )}`,
    );
  }
  throw new InputError(`${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/**
 * `POST /incident-loss`: rule 10's category for an incident going on now. With a service and no
 * loss rate, the service's financial exposure in force is the rate; with minutes so far and a
 * rate, the loss so far is the rate for that long.
 */
export function createIncidentLossRouter(options: IncidentLossRouterOptions) {
  const {
    assessments,
    operatingModelConfig: config,
    httpAuth,
    now,
    ready,
  } = options;
  const router = Router();

  router.post('/incident-loss', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const input = readBody(req.body);

    let lossPerHour = input.lossPerHour ?? null;
    let source: IncidentLossAnswer['lossPerHourSource'] =
      lossPerHour === null ? null : 'given';
    let entityRef: string | null = null;
    if (input.entityRef) {
      await ready();
      const service = assessments.get(input.entityRef, now());
      if (!service) {
        throw new NotFoundError(
          `No service ${input.entityRef} in the catalog: only Components of type service, or with operating-model.io annotations, are assessed`,
        );
      }
      entityRef = service.entityRef;
      const exposure = exposurePerHourInForce(service);
      if (lossPerHour === null && exposure !== null) {
        lossPerHour = exposure;
        source = 'financial-exposure';
      }
    }
    const minutesSoFar = input.minutesSoFar ?? null;
    let lossSoFar = input.lossSoFar ?? null;
    if (lossSoFar === null && minutesSoFar !== null && lossPerHour !== null) {
      lossSoFar = lossAfterMinutes(lossPerHour, minutesSoFar);
    }

    const answer: IncidentLossAnswer = {
      ...incidentLossCategory(
        {
          lossSoFar,
          lossPerHour,
          journey: input.journey,
          security: input.security,
        },
        config.incidentLoss,
        config.currency,
      ),
      entityRef,
      lossSoFar,
      lossPerHour,
      minutesSoFar,
      lossPerHourSource: source,
      currency: config.currency,
    };
    res.json(answer);
  });

  return router;
}
