import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  OperatingModelConfig,
  RESOURCE_TYPE_OPERATING_MODEL_ROTA,
  RotaSchedule,
  formatOnCallTime,
  rotaName,
  rotaPagesWhen,
  calendarLinkForOthersPermission,
  overrideCreatePermission,
  overrideDeletePermission,
} from '@operating-model/backstage-plugin-operating-model-common';
import { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RotaDefinition, RotaService } from '../rotas/RotaService';
import {
  FeedLinkClaims,
  readFeedLink,
  shiftsCalendar,
  signFeedLink,
} from '../rotas/calendarFeed';
import {
  INSTANT_EXPECTED,
  WindowDefaults,
  checkText,
  parseInstant,
  readAt,
  readEntityRef,
  readWindow,
} from './params';

export interface RotasRouterOptions {
  rotas: RotaService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  operatingModelConfig: OperatingModelConfig;
  now: () => Date;
  ready: () => Promise<void>;
  /** An override was added or removed: the directory reads that rota again at once. */
  onRotaChanged?: (rotaRef: string) => void;
}

const SCHEDULE_WINDOW: WindowDefaults = { before: 7, after: 28 };
const FEED_WINDOW: WindowDefaults = { before: 30, after: 180 };

const instant = z
  .string()
  .refine(v => parseInstant(v) !== undefined, INSTANT_EXPECTED);

const overrideBody = z
  .object({
    person: z.string(),
    start: instant,
    end: instant,
    covers: z.string().nullish(),
    reason: z.string().optional(),
  })
  .strict();

/** Reads the override body, or throws a 400 naming the first bad field. */
function readOverrideBody(value: unknown) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      'body: expected a JSON object with person, start and end',
    );
  }
  const result = overrideBody.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const body = result.data;
  return {
    person: readEntityRef(body.person, 'person', {
      kinds: ['user'],
      defaultKind: 'user',
    }),
    covers: body.covers
      ? readEntityRef(body.covers, 'covers', {
          kinds: ['user'],
          defaultKind: 'user',
        })
      : null,
    start: new Date(parseInstant(body.start)!),
    end: new Date(parseInstant(body.end)!),
    reason:
      body.reason === undefined
        ? undefined
        : checkText(body.reason, 'reason', 500),
  };
}

type Principal = { type: string; userEntityRef?: string; subject?: string };
const principalOf = (credentials: BackstageCredentials) =>
  credentials.principal as Principal;

/** Where the router's first middleware keeps a feed link's token once it is out of the URL. */
export const FEED_TOKEN = 'operatingModelFeedToken';

/** `/on-call`, `/schedules/…` (JSON and .ics), overrides, and signed calendar feeds. */
export function createRotasRouter(options: RotasRouterOptions) {
  const {
    rotas,
    httpAuth,
    permissions,
    auditor,
    operatingModelConfig,
    now,
    ready,
  } = options;
  const router = Router();

  const rotaRefOf = (req: Request) => {
    const { kind, namespace } = req.params;
    const name = req.params.name.replace(/\.ics$/, '');
    const lower = kind.toLocaleLowerCase('en-US');
    if (lower !== 'group' && lower !== 'domain') {
      throw new InputError(
        `kind: schedules are kept for a group or a domain, not a ${JSON.stringify(
          kind.slice(0, 40),
        )}`,
      );
    }
    return readEntityRef(`${lower}:${namespace}/${name}`, 'path', {
      kinds: ['group', 'domain'],
    });
  };

  const definitionOf = (ref: string): RotaDefinition => {
    const def = rotas.definition(ref, now());
    if (!def)
      throw new NotFoundError(`No Group or Domain ${ref} in the catalog`);
    return def;
  };

  /**
   * Rota changes are resource permissions, decided by the organisation's policy (typically
   * "members of the rota's teams, and admins"). Backstage's permission service allows every
   * service principal without asking the policy, so services are refused here unless
   * `operatingModel.access.rotaChangeServices` names them.
   */
  const authorizeChange = async (
    def: RotaDefinition,
    credentials: BackstageCredentials,
    permission: ResourcePermission<typeof RESOURCE_TYPE_OPERATING_MODEL_ROTA>,
  ) => {
    const principal = principalOf(credentials);
    if (
      principal.type === 'service' &&
      !operatingModelConfig.access.rotaChangeServices.includes(
        principal.subject ?? '',
      )
    ) {
      throw new NotAllowedError(
        `Service ${principal.subject} may not change rotas; list it in operatingModel.access.rotaChangeServices to allow it`,
      );
    }
    // The permission backend resolves a conditional answer (such as isRotaMember) against the
    // rota through the resource type this plugin registers, as it does for the frontend.
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: def.rotaRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Changing the rota of ${rotas.title(def.rotaRef)} needs the ${
          permission.name
        } permission`,
      );
    }
  };

  const actorOf = (credentials: BackstageCredentials) => {
    const principal = principalOf(credentials);
    return principal.userEntityRef ?? principal.subject ?? principal.type;
  };

  router.get('/on-call', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const ref = readEntityRef(req.query.entityRef, 'entityRef', {
      defaultKind: 'component',
    });
    const at = readAt(req.query, now);
    await ready();
    res.json(await rotas.onCall(ref, at, now()));
  });

  /**
   * A rota's shifts as a calendar, each named the way every surface names the rota, with when
   * its shifts page and its times in the rota's zone: a phone shows them in its own.
   */
  const rotaCalendar = (ref: string, schedule: RotaSchedule) => {
    const rota = rotaName(schedule.kind, rotas.title(ref));
    const zone = schedule.timezone;
    const time = (at: string) =>
      formatOnCallTime(at, {
        viewerZone: zone,
        rotaZone: zone,
        locale: 'en-GB',
      });
    return shiftsCalendar({
      name: `On call: ${rota}`,
      shifts: schedule.shifts,
      summary: s => `On call: ${rotas.title(s.person)} (${rota})`,
      description: s =>
        `${rotas.title(s.person)} on the ${rota} from ${time(
          s.start,
        )} until ${time(s.end)} (${zone}); its shifts page ${rotaPagesWhen(
          schedule.kind,
        )}.`,
      uidPrefix: ref,
    });
  };

  router.get('/schedules/:kind/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const ref = rotaRefOf(req);
    const ics = req.params.name.endsWith('.ics');
    const { from, to } = readWindow(
      req.query,
      now,
      ics ? FEED_WINDOW : SCHEDULE_WINDOW,
    );
    await ready();
    const schedule = await rotas.schedule(ref, from, to, now());
    if (ics) {
      res.type('text/calendar').send(rotaCalendar(ref, schedule));
      return;
    }
    res.json(schedule);
  });

  router.post(
    '/schedules/:kind/:namespace/:name/overrides',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const rotaRef = rotaRefOf(req);
      const body = readOverrideBody(req.body);
      const auditorEvent = await auditor.createEvent({
        eventId: 'override-create',
        severityLevel: 'medium',
        request: req,
        meta: {
          rotaRef,
          person: body.person,
          covers: body.covers,
          start: body.start.toISOString(),
          end: body.end.toISOString(),
        },
      });
      try {
        await ready();
        const def = definitionOf(rotaRef);
        if (body.end <= body.start)
          throw new InputError('end: the override must end after it starts');
        if (!rotas.isKnownUser(body.person))
          throw new InputError(
            `person: ${body.person} is not a User in the catalog`,
          );
        if (body.covers && !rotas.isKnownUser(body.covers)) {
          throw new InputError(
            `covers: ${body.covers} is not a User in the catalog`,
          );
        }
        await authorizeChange(def, credentials, overrideCreatePermission);
        const override = await rotas.addOverride(
          def,
          body,
          actorOf(credentials),
          now(),
        );
        options.onRotaChanged?.(def.rotaRef);
        await auditorEvent.success({ meta: { id: override.id } });
        res.status(201).json(override);
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.delete(
    '/schedules/:kind/:namespace/:name/overrides/:id',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const rotaRef = rotaRefOf(req);
      const id = checkText(req.params.id, 'id', 64);
      const auditorEvent = await auditor.createEvent({
        eventId: 'override-delete',
        severityLevel: 'medium',
        request: req,
        meta: { rotaRef, id },
      });
      try {
        await ready();
        const def = definitionOf(rotaRef);
        await authorizeChange(def, credentials, overrideDeletePermission);
        await rotas.removeOverride(def, id, actorOf(credentials), now());
        options.onRotaChanged?.(def.rotaRef);
        await auditorEvent.success();
        res.status(204).end();
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );

  // Calendar feeds a phone subscribes to carry a signed link instead of a session.
  const feedPath = (kind: 'schedules' | 'people', ref: string) => {
    const [k, rest] = ref.split(':');
    return kind === 'schedules'
      ? `/feeds/schedules/${k}/${rest}.ics`
      : `/feeds/people/${rest}.ics`;
  };

  const issueLink = async (path: string, person: string) => {
    const issuedAt = Math.floor(now().getTime() / 1000);
    const claims: FeedLinkClaims = {
      for: person,
      issuedAt,
      expiresAt:
        issuedAt + operatingModelConfig.calendarFeeds.linkLifetimeDays * 86_400,
      generation: await rotas.feedLinkGeneration(person),
    };
    return {
      path: `${path}?token=${signFeedLink(
        await rotas.feedSecret(),
        path,
        claims,
      )}`,
      for: person,
      issuedAt: new Date(claims.issuedAt * 1000).toISOString(),
      expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
    };
  };

  /** The person a personal link is for: the caller, or anyone for holders of the permission. */
  const personalLinkOwner = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const ref = readEntityRef(
      `user:${req.params.namespace}/${req.params.name}`,
      'path',
      { kinds: ['user'] },
    );
    await ready();
    if (!rotas.isKnownUser(ref))
      throw new NotFoundError(`No User ${ref} in the catalog`);
    if (
      credentials.principal.userEntityRef.toLocaleLowerCase('en-US') !== ref
    ) {
      const [decision] = await permissions.authorize(
        [{ permission: calendarLinkForOthersPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Only ${rotas.title(ref)} or a holder of ${
            calendarLinkForOthersPermission.name
          } may issue this calendar link`,
        );
      }
    }
    return { ref, credentials };
  };

  router.get(
    '/schedules/:kind/:namespace/:name/calendar-link',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const rotaRef = rotaRefOf(req);
      await ready();
      const ref = definitionOf(rotaRef).rotaRef;
      res.json(
        await issueLink(
          feedPath('schedules', ref),
          credentials.principal.userEntityRef.toLocaleLowerCase('en-US'),
        ),
      );
    },
  );

  router.get('/people/:namespace/:name/calendar-link', async (req, res) => {
    const { ref } = await personalLinkOwner(req);
    res.json(await issueLink(feedPath('people', ref), ref));
  });

  router.post(
    '/people/:namespace/:name/calendar-link/reset',
    async (req, res) => {
      const { ref } = await personalLinkOwner(req);
      const auditorEvent = await auditor.createEvent({
        eventId: 'calendar-link-reset',
        severityLevel: 'medium',
        request: req,
        meta: { person: ref },
      });
      await rotas.resetFeedLinks(ref);
      await auditorEvent.success();
      res.json(await issueLink(feedPath('people', ref), ref));
    },
  );

  /** Checks a feed link; its token was taken out of the URL (so out of every log) on the way in. */
  const checkFeedLink = async (
    res: Response,
    path: string,
    message: string,
  ) => {
    const claims = readFeedLink(
      await rotas.feedSecret(),
      path,
      res.locals[FEED_TOKEN],
    );
    if (
      !claims ||
      claims.expiresAt * 1000 <= now().getTime() ||
      claims.generation !== (await rotas.feedLinkGeneration(claims.for))
    ) {
      throw new NotAllowedError(message);
    }
  };

  router.get('/feeds/schedules/:kind/:namespace/:name', async (req, res) => {
    const ref = rotaRefOf(req);
    await checkFeedLink(
      res,
      feedPath('schedules', ref),
      'This calendar link is not valid or has expired; copy it again from the schedule page',
    );
    await ready();
    const { from, to } = readWindow({}, now, FEED_WINDOW);
    const schedule = await rotas.schedule(ref, from, to, now());
    res.type('text/calendar').send(rotaCalendar(ref, schedule));
  });

  router.get('/feeds/people/:namespace/:name', async (req, res) => {
    const name = req.params.name.replace(/\.ics$/, '');
    const ref = readEntityRef(`user:${req.params.namespace}/${name}`, 'path', {
      kinds: ['user'],
    });
    await checkFeedLink(
      res,
      feedPath('people', ref),
      'This calendar link is not valid or has expired; copy it again from your profile',
    );
    await ready();
    const { from, to } = readWindow({}, now, FEED_WINDOW);
    const shifts = await rotas.personShifts(ref, from, to, now());
    res.type('text/calendar').send(
      shiftsCalendar({
        name: `My on-call shifts (${rotas.title(ref)})`,
        shifts,
        summary: s =>
          `On call: ${rotaName(
            s.rotaRef?.startsWith('domain:') ? 'domain' : 'team',
            rotas.title(s.rotaRef ?? ''),
          )}`,
        uidPrefix: ref,
      }),
    );
  });

  return router;
}
