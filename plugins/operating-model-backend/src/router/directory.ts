import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  DirectoryGroupBy,
  DirectoryModelFilter,
  DirectoryOutOfHoursFilter,
  DirectoryQuery,
} from '@operating-model/backstage-plugin-operating-model-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { refFromPath } from './params';
import { DirectoryService } from '../directory/DirectoryService';

export interface DirectoryRouterOptions {
  directory: DirectoryService;
  httpAuth: HttpAuthService;
  ready: () => Promise<void>;
}

const NOT_READ = () =>
  new ServiceUnavailableError(
    'The operating-model plugin has not been able to read the catalog yet; try again shortly',
  );

/** The query's parameters, whose form the OpenAPI document has checked already. */
function readQuery(req: Request): DirectoryQuery {
  const text = (name: string) => {
    const value = req.query[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const number = (name: string) => {
    const value = text(name);
    return value === undefined ? undefined : Number(value);
  };
  const target = text('availabilityTarget');
  return {
    query: text('query'),
    domain: text('domain'),
    team: text('team'),
    model: text('model') as DirectoryModelFilter | undefined,
    availabilityTarget:
      target === undefined || target === 'none' ? target : Number(target),
    outOfHours: text('outOfHours') as DirectoryOutOfHoursFilter | undefined,
    hasProblems: text('hasProblems') === 'true',
    groupBy: text('groupBy') as DirectoryGroupBy | undefined,
    offset: number('offset'),
    limit: number('limit'),
  };
}

/**
 * The discoverability view's data, a page at a time: `GET /directory/services` searched, filtered
 * and grouped here, `GET /directory/facets` for the filters' teams and domains, and
 * `GET /directory/services/{kind}/{namespace}/{name}` for one service's row.
 *
 * `GET /directory`, the whole directory in one answer, is gone: at 50,000 services it was 55 MiB
 * of JSON (2.7 MiB gzipped) that a browser waited for and parsed whole, and serialising it held
 * the event loop for seconds. Its callers (the view and the search collator) read pages now.
 */
export function createDirectoryRouter(options: DirectoryRouterOptions) {
  const { directory, httpAuth, ready } = options;
  const router = Router();

  router.get('/directory/services', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await ready();
    const page = await directory.query(readQuery(req));
    if (!page) throw NOT_READ();
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(page);
  });

  router.get('/directory/facets', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await ready();
    const body = await directory.facets();
    if (!body) throw NOT_READ();
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
    await ready();
    const entityRef = refFromPath(req.params);
    if (!(await directory.rows())) throw NOT_READ();
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
