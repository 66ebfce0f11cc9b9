import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  OperatingModelConfig,
  onCallLoadReadPermission,
} from '@operating-model/backstage-plugin-operating-model-common';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import { OnCallCosts } from '../leaders/OnCallCosts';
import { OnCallLoad } from '../rotas/OnCallLoad';
import { MEASURES_WINDOW } from './measures';
import { readInstant, readWindow } from './params';

export interface CostsRouterOptions {
  onCallCosts: OnCallCosts;
  onCallLoad: OnCallLoad;
  operatingModelConfig: OperatingModelConfig;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
  now: () => Date;
  ready: () => Promise<void>;
}

/** `GET /costs?from&to`: on-call standby and callout cost per team and domain, with who funds it. */
export function createCostsRouter(options: CostsRouterOptions) {
  const {
    onCallCosts,
    onCallLoad,
    operatingModelConfig,
    permissions,
    httpAuth,
    now,
    ready,
  } = options;
  const router = Router();

  router.get('/costs', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const window = readWindow(req.query, now, MEASURES_WINDOW);
    await ready();
    res.json(await onCallCosts.report(window));
  });

  /**
   * `GET /on-call-load?from&to`: fair load and pay per person and rota. Without a window, the
   * calendar quarter that holds now, in the configured working-hours zone (planned shifts to its
   * end count; callouts are the incidents so far).
   */
  router.get('/on-call-load', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: onCallLoadReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `The fair-load report needs the ${onCallLoadReadPermission.name} permission`,
      );
    }
    const asked =
      readInstant(req.query, 'from') ?? readInstant(req.query, 'to');
    const window = asked
      ? readWindow(req.query, now, MEASURES_WINDOW)
      : quarterOf(now(), operatingModelConfig.workingHours.timezone);
    await ready();
    res.json(await onCallLoad.report(window));
  });

  return router;
}

/** The calendar quarter holding `at`, read in `zone`. */
export function quarterOf(at: Date, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromJSDate(at, { zone }).startOf('quarter');
  return {
    from: start.toJSDate(),
    to: start.plus({ quarters: 1 }).toJSDate(),
  };
}
