import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import { MeasuresService, MeasuresWindow } from '../measures/MeasuresService';

export interface MeasuresRouterOptions {
  measures: MeasuresService;
  httpAuth: HttpAuthService;
  now: () => Date;
  ready: () => Promise<void>;
}

/** The window when none is asked for: the last 90 days. */
export const DEFAULT_WINDOW_DAYS = 90;

const instant = z.string().datetime({ offset: true });
const grouping = z.enum(['team', 'domain']);

function readInstant(query: Record<string, unknown>, name: 'from' | 'to'): Date | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const parsed = instant.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Query parameter "${name}" must be an ISO 8601 instant such as 2026-11-27T12:00:00Z; got ${JSON.stringify(raw)}`,
    );
  }
  return new Date(parsed.data);
}

/** `from` and `to` from the query; `to` defaults to now and `from` to 90 days before `to`. */
export function readWindow(query: Record<string, unknown>, now: () => Date): MeasuresWindow {
  const to = readInstant(query, 'to') ?? now();
  const from =
    readInstant(query, 'from') ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (to.getTime() <= from.getTime()) {
    throw new InputError(
      `Query parameter "to" must be after "from"; got from=${from.toISOString()} and to=${to.toISOString()}`,
    );
  }
  return { from, to };
}

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
        `Query parameter "groupBy" must be team or domain; got ${JSON.stringify(req.query.groupBy ?? null)}`,
      );
    }
    const window = readWindow(req.query, now);
    await ready();
    res.json(await measures.leaders(groupBy.data, window));
  });

  router.get('/measures/:kind/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const window = readWindow(req.query, now);
    await ready();
    const { kind, namespace, name } = req.params;
    res.json(await measures.forEntity(`${kind}:${namespace}/${name}`, window));
  });

  return router;
}
