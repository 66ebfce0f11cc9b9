import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  overrideCreatePermission,
  overrideDeletePermission,
} from '@internal/plugin-operating-model-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RotaDefinition, RotaService } from '../rotas/RotaService';
import { shiftsCalendar, signFeedPath, verifyFeedToken } from '../rotas/calendarFeed';
import { readAt } from './query';

const DAY = 24 * 60 * 60 * 1000;

export interface RotasRouterOptions {
  rotas: RotaService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  now: () => Date;
  ready: () => Promise<void>;
}

const instant = z.string().datetime({ offset: true });
const entityRef = z.string().regex(/^[a-z0-9_-]+:[^/]+\/.+$/i, 'an entity ref such as user:default/jane');

const overrideBody = z.object({
  person: entityRef,
  start: instant,
  end: instant,
  covers: entityRef.nullish(),
  reason: z.string().max(500).optional(),
});

/** Reads a zod result, or throws a 400 naming the first bad field. */
function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || where;
    throw new InputError(`${where === 'body' ? '' : `${where} `}${field}: ${issue.message}`.trim());
  }
  return result.data;
}

function readWindow(query: Record<string, unknown>, now: Date, defaultDays: { before: number; after: number }) {
  const window = parse(
    z.object({ from: instant.optional(), to: instant.optional() }),
    { from: query.from || undefined, to: query.to || undefined },
    'query parameter',
  );
  const from = window.from ? new Date(window.from) : new Date(now.getTime() - defaultDays.before * DAY);
  const to = window.to ? new Date(window.to) : new Date(from.getTime() + (defaultDays.before + defaultDays.after) * DAY);
  if (to <= from) throw new InputError('query parameter to: must be after from');
  if (to.getTime() - from.getTime() > 400 * DAY) {
    throw new InputError('query parameter to: the window may be at most 400 days long');
  }
  return { from, to };
}

/** `/on-call`, `/schedules/…` (JSON and .ics), overrides, and signed calendar feeds. */
export function createRotasRouter(options: RotasRouterOptions) {
  const { rotas, httpAuth, permissions, now, ready } = options;
  const router = Router();

  const rotaRefOf = (req: Request) => {
    const { kind, namespace } = req.params;
    const name = req.params.name.replace(/\.ics$/, '');
    const lower = kind.toLocaleLowerCase('en-US');
    if (lower !== 'group' && lower !== 'domain') {
      throw new InputError(`Schedules are kept for a group or a domain, not a ${kind}`);
    }
    return `${lower}:${namespace}/${name}`.toLocaleLowerCase('en-US');
  };

  const definitionOf = (ref: string): RotaDefinition => {
    const def = rotas.definition(ref, now());
    if (!def) throw new NotFoundError(`No Group or Domain ${ref} in the catalog`);
    return def;
  };

  /** Members of the rota's teams may change it; anyone else needs the permission. */
  const authorizeChange = async (
    def: RotaDefinition,
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => {
    const principal = credentials.principal as { type: string; userEntityRef?: string };
    if (principal.type === 'user' && principal.userEntityRef && rotas.isRotaMember(def, principal.userEntityRef)) {
      return;
    }
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only members of ${def.teams.map(t => rotas.title(t)).join(', ') || 'the rota’s teams'} or holders of ${permission.name} may change this rota`,
      );
    }
  };

  const actorOf = (credentials: BackstageCredentials) => {
    const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
    return principal.userEntityRef ?? principal.subject ?? principal.type;
  };

  router.get('/on-call', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const ref = parse(entityRef, req.query.entityRef, 'query parameter entityRef');
    const at = readAt(req.query, now);
    await ready();
    res.json(await rotas.onCall(ref, at, now()));
  });

  router.get('/schedules/:kind/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await ready();
    const ref = rotaRefOf(req);
    if (req.params.name.endsWith('.ics')) {
      const { from, to } = readWindow(req.query, now(), { before: 30, after: 180 });
      const schedule = await rotas.schedule(ref, from, to, now());
      res.type('text/calendar').send(
        shiftsCalendar({
          name: `On call: ${rotas.title(ref)}`,
          shifts: schedule.shifts,
          summary: s => `On call: ${rotas.title(s.person)}`,
          uidPrefix: ref,
        }),
      );
      return;
    }
    const { from, to } = readWindow(req.query, now(), { before: 7, after: 28 });
    res.json(await rotas.schedule(ref, from, to, now()));
  });

  router.post('/schedules/:kind/:namespace/:name/overrides', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await ready();
    const def = definitionOf(rotaRefOf(req));
    const body = parse(overrideBody, req.body, 'body');
    const start = new Date(body.start);
    const end = new Date(body.end);
    if (end <= start) throw new InputError('end: the override must end after it starts');
    const person = body.person.toLocaleLowerCase('en-US');
    if (!rotas.isKnownUser(person)) {
      throw new InputError(`person: ${body.person} is not a User in the catalog`);
    }
    if (body.covers && !rotas.isKnownUser(body.covers)) {
      throw new InputError(`covers: ${body.covers} is not a User in the catalog`);
    }
    await authorizeChange(def, credentials, overrideCreatePermission);
    const override = await rotas.addOverride(
      def,
      { person, covers: body.covers?.toLocaleLowerCase('en-US') ?? null, start, end, reason: body.reason },
      actorOf(credentials),
      now(),
    );
    res.status(201).json(override);
  });

  router.delete('/schedules/:kind/:namespace/:name/overrides/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await ready();
    const def = definitionOf(rotaRefOf(req));
    await authorizeChange(def, credentials, overrideDeletePermission);
    await rotas.removeOverride(def, req.params.id);
    res.status(204).end();
  });

  // Calendar feeds a phone subscribes to carry a signed link instead of a session.
  const feedPath = (kind: 'schedules' | 'people', ref: string) => {
    const [k, rest] = ref.split(':');
    return kind === 'schedules' ? `/feeds/schedules/${k}/${rest}.ics` : `/feeds/people/${rest}.ics`;
  };

  router.get('/schedules/:kind/:namespace/:name/calendar-link', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    await ready();
    const ref = definitionOf(rotaRefOf(req)).rotaRef;
    const path = feedPath('schedules', ref);
    res.json({ path: `${path}?token=${signFeedPath(await rotas.feedSecret(), path)}` });
  });

  router.get('/people/:namespace/:name/calendar-link', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    await ready();
    const ref = `user:${req.params.namespace}/${req.params.name}`.toLocaleLowerCase('en-US');
    if (!rotas.isKnownUser(ref)) throw new NotFoundError(`No User ${ref} in the catalog`);
    const path = feedPath('people', ref);
    res.json({ path: `${path}?token=${signFeedPath(await rotas.feedSecret(), path)}` });
  });

  router.get('/feeds/schedules/:kind/:namespace/:name', async (req, res) => {
    const ref = rotaRefOf(req);
    if (!verifyFeedToken(await rotas.feedSecret(), feedPath('schedules', ref), req.query.token)) {
      throw new NotAllowedError('This calendar link is not valid; copy it again from the schedule page');
    }
    await ready();
    const { from, to } = readWindow({}, now(), { before: 30, after: 180 });
    const schedule = await rotas.schedule(ref, from, to, now());
    res.type('text/calendar').send(
      shiftsCalendar({
        name: `On call: ${rotas.title(ref)}`,
        shifts: schedule.shifts,
        summary: s => `On call: ${rotas.title(s.person)}`,
        uidPrefix: ref,
      }),
    );
  });

  router.get('/feeds/people/:namespace/:name', async (req, res) => {
    const name = req.params.name.replace(/\.ics$/, '');
    const ref = `user:${req.params.namespace}/${name}`.toLocaleLowerCase('en-US');
    if (!verifyFeedToken(await rotas.feedSecret(), feedPath('people', ref), req.query.token)) {
      throw new NotAllowedError('This calendar link is not valid; copy it again from your profile');
    }
    await ready();
    const { from, to } = readWindow({}, now(), { before: 30, after: 180 });
    const shifts = await rotas.personShifts(ref, from, to, now());
    res.type('text/calendar').send(
      shiftsCalendar({
        name: `My on-call shifts (${rotas.title(ref)})`,
        shifts,
        summary: s => `On call for ${rotas.title(s.rotaRef ?? '')}`,
        uidPrefix: ref,
      }),
    );
  });

  return router;
}
