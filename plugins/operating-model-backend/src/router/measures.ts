import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import { MeasuresService } from '../measures/MeasuresService';
import { WindowDefaults, readWindow, refFromPath } from './params';

export interface MeasuresRouterOptions {
  measures: MeasuresService;
  httpAuth: HttpAuthService;
  now: () => Date;
  ready: () => Promise<void>;
}

/** The window when none is asked for: the last 90 days, for the measures, the leaders' view, costs and pitfalls. */
export const MEASURES_WINDOW: WindowDefaults = { before: 90 };

const grouping = z.enum(['team', 'domain']);

/**
 * `GET /measures/{kind}/{namespace}/{name}` for a Component, Group or Domain, and
 * `GET /measures?groupBy=team|domain` for the leaders' view; both take `from` and `to`.
 */
export function createMeasuresRouter(options: MeasuresRouterOptions) {
  const { measures, httpAuth, now, ready } = options;
  const router = Router();

  router.get('/measures', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const groupBy = grouping.safeParse(req.query.groupBy);
    if (!groupBy.success) {
      throw new InputError(
        `groupBy: expected team or domain; got ${JSON.stringify(
          req.query.groupBy ?? null,
        )}`,
      );
    }
    const window = readWindow(req.query, now, MEASURES_WINDOW);
    await ready();
    res.json(await measures.leaders(groupBy.data, window));
  });

  router.get('/measures/:kind/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const window = readWindow(req.query, now, MEASURES_WINDOW);
    await ready();
    const ref = refFromPath(req.params, {
      kinds: ['component', 'group', 'domain'],
    });
    res.json(await measures.forEntity(ref, window));
  });

  return router;
}
