import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { PitfallSignals } from '../leaders/PitfallSignals';
import { MEASURES_WINDOW } from './measures';
import { readWindow } from './params';

export interface PitfallsRouterOptions {
  pitfallSignals: PitfallSignals;
  httpAuth: HttpAuthService;
  now: () => Date;
  ready: () => Promise<void>;
}

/** `GET /pitfalls?from&to`: rule 12's pitfall signals and the quarterly reflection. */
export function createPitfallsRouter(options: PitfallsRouterOptions) {
  const { pitfallSignals, httpAuth, now, ready } = options;
  const router = Router();

  router.get('/pitfalls', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const window = readWindow(req.query, now, MEASURES_WINDOW);
    await ready();
    res.json(await pitfallSignals.report(window));
  });

  return router;
}
