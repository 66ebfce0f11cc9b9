import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { readAt, refFromPath } from './params';

export interface ServicesRouterOptions {
  assessments: ServiceAssessments;
  httpAuth: HttpAuthService;
  now: () => Date;
  /** Waits for the first catalog read, so a request at start-up is not answered from nothing. */
  ready: () => Promise<void>;
}

/** `GET /services` and `GET /services/{kind}/{namespace}/{name}`, answered from the kept assessments. */
export function createServicesRouter(options: ServicesRouterOptions) {
  const { assessments, httpAuth, now, ready } = options;
  const router = Router();

  router.get('/services', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const at = readAt(req.query, now);
    await ready();
    const iso = at.toISOString();
    res.json({
      at: iso,
      items: assessments.list(at).map(a => ({ ...a, at: iso })),
    });
  });

  router.get('/services/:kind/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const at = readAt(req.query, now);
    await ready();
    const entityRef = refFromPath(req.params);
    const assessment = assessments.get(entityRef, at);
    if (!assessment) {
      throw new NotFoundError(
        `No service ${entityRef} in the catalog: only Components of type service, or with operating-model.io annotations, are assessed`,
      );
    }
    res.json({ ...assessment, at: at.toISOString() });
  });

  return router;
}
