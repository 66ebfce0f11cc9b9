import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import Router from 'express-promise-router';
import { refFromPath } from './params';
import { DirectoryService } from '../directory/DirectoryService';

export interface DirectoryRouterOptions {
  directory: DirectoryService;
  httpAuth: HttpAuthService;
  ready: () => Promise<void>;
}

/**
 * `GET /directory`: every team, domain and service with who is on call now, for the
 * discoverability view and the search collator; and `GET /directory/services/{kind}/{namespace}/{name}`
 * for one service's row. The body is serialised and gzipped once per change, so a request costs
 * a copy, and an unchanged directory is a 304.
 */
export function createDirectoryRouter(options: DirectoryRouterOptions) {
  const { directory, httpAuth, ready } = options;
  const router = Router();

  async function current() {
    await ready();
    const body = await directory.current();
    if (!body) {
      throw new ServiceUnavailableError(
        'The operating-model plugin has not been able to read the catalog yet; try again shortly',
      );
    }
    return body;
  }

  router.get('/directory', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body = await current();
    res.setHeader('ETag', body.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    res.type('application/json');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    // Sent already gzipped, so the server's compression middleware leaves it alone.
    if (req.acceptsEncodings('gzip') === 'gzip') {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(body.gzipped);
    } else {
      res.send(body.json);
    }
  });

  router.get('/directory/services/:kind/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await current();
    const entityRef = refFromPath(req.params);
    const row = await directory.service(entityRef);
    if (!row) {
      throw new NotFoundError(
        `No service ${entityRef} in the catalog: only Components of type service, or with operating-model.io annotations, are listed`,
      );
    }
    res.json(row);
  });

  return router;
}
