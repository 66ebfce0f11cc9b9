import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { eventsWritePermission } from '@operating-model/backstage-plugin-operating-model-common';
import Router from 'express-promise-router';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { EventStore } from '../events/EventStore';
import {
  EVENT_KINDS,
  entitiesOf,
  isEventKind,
  readEventBatch,
} from '../events/eventSchemas';

export interface EventsRouterOptions {
  eventStore: EventStore;
  assessments: ServiceAssessments;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  now: () => Date;
  ready: () => Promise<void>;
  /** Told after every written batch, so what caches figures from the events can drop them. */
  onEventsWritten?: () => void;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * `POST /events/{kind}` with `{ "items": [...] }`: validates the whole batch, writes it in one
 * transaction, and answers `{ written, unknownEntities }`. Events naming an entity the catalog
 * does not know are kept (the catalog may simply not have caught up) and reported.
 */
export function createEventsRouter(options: EventsRouterOptions) {
  const {
    eventStore,
    assessments,
    httpAuth,
    permissions,
    auditor,
    now,
    ready,
    onEventsWritten,
  } = options;
  const router = Router();

  router.post('/events/:kind', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind } = req.params;
    const auditorEvent = await auditor.createEvent({
      eventId: 'events-write',
      severityLevel: 'low',
      request: req,
      meta: { kind: kind.slice(0, 40) },
    });
    let written: number;
    let batch: ReturnType<typeof readEventBatch>;
    try {
      const [decision] = await permissions.authorize(
        [{ permission: eventsWritePermission }],
        {
          credentials,
        },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Writing events needs the ${eventsWritePermission.name} permission`,
        );
      }
      if (!isEventKind(kind)) {
        throw new NotFoundError(
          `No kind of event "${kind.slice(
            0,
            40,
          )}"; events are posted to /events/{${EVENT_KINDS.join('|')}}`,
        );
      }
      batch = readEventBatch(kind, req.body);
      written = await eventStore.write(batch);
      await auditorEvent.success({ meta: { written } });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
    onEventsWritten?.();

    // The report is best effort: the events are written whether or not the catalog can be read.
    await ready().catch(() => undefined);
    const assessed = assessments.list(now());
    const knownServices = new Set(assessed.map(a => lower(a.entityRef)));
    const knownTeams = new Set([
      ...assessed.flatMap(a => (a.owner ? [lower(a.owner)] : [])),
      ...(assessments.snapshot?.groups ?? []).map(g => lower(g.entityRef)),
    ]);
    const named = entitiesOf(batch);
    const unknownEntities = [
      ...[...named.services].filter(ref => !knownServices.has(ref)),
      ...[...named.teams].filter(ref => !knownTeams.has(ref)),
    ].sort();
    res.json({ written, unknownEntities });
  });

  return router;
}
