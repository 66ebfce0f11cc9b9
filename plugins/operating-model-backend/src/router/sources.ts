import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { SourceRunner } from '../sources/SourceRunner';

export interface SourcesRouterOptions {
  sourceRunner: SourceRunner;
  httpAuth: HttpAuthService;
}

/** `GET /sources`: the event sources, their schedules and the state of their runs. */
export function createSourcesRouter(options: SourcesRouterOptions) {
  const { sourceRunner, httpAuth } = options;
  const router = Router();

  router.get('/sources', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await sourceRunner.statuses() });
  });

  return router;
}
