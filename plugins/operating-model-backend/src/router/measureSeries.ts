import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { MeasureSeries } from '../measures/MeasureSeries';
import { MEASURES_WINDOW } from './measures';
import { readWindow, refFromPath } from './params';

export interface MeasureSeriesRouterOptions {
  measureSeries: MeasureSeries;
  httpAuth: HttpAuthService;
  now: () => Date;
  ready: () => Promise<void>;
}

/**
 * `GET /measures/{kind}/{namespace}/{name}/series?from&to`: the series behind the charts of a
 * Component, Group or Domain, over the same window as its measures (default the last 90 days).
 */
export function createMeasureSeriesRouter(options: MeasureSeriesRouterOptions) {
  const { measureSeries, httpAuth, now, ready } = options;
  const router = Router();

  router.get('/measures/:kind/:namespace/:name/series', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const window = readWindow(req.query, now, MEASURES_WINDOW);
    await ready();
    const ref = refFromPath(req.params, {
      kinds: ['component', 'group', 'domain'],
    });
    res.json(await measureSeries.forEntity(ref, window));
  });

  return router;
}
