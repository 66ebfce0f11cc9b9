import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { OnCallCosts } from '../leaders/OnCallCosts';
import { MEASURES_WINDOW } from './measures';
import { readWindow } from './params';

export interface CostsRouterOptions {
  onCallCosts: OnCallCosts;
  httpAuth: HttpAuthService;
  now: () => Date;
  ready: () => Promise<void>;
}

/** `GET /costs?from&to`: on-call standby and callout cost per team and domain, with who funds it. */
export function createCostsRouter(options: CostsRouterOptions) {
  const { onCallCosts, httpAuth, now, ready } = options;
  const router = Router();

  router.get('/costs', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const window = readWindow(req.query, now, MEASURES_WINDOW);
    await ready();
    res.json(await onCallCosts.report(window));
  });

  return router;
}
