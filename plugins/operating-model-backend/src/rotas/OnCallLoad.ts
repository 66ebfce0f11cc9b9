import {
  OnCallLoadReport,
  OnCallLoadRota,
  WorkingHoursConfig,
  onCallLoad,
  outOfHoursRotas,
  teamWorkingHours,
} from '@operating-model/backstage-plugin-operating-model-common';
import {
  LeadersSources,
  LeadersWindow,
  assessedAt,
  costServices,
} from '../leaders/OnCallCosts';
import { createPause } from '../lib/slices';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * `GET /on-call-load`: per person and rota over a window (a quarter by default), hours on call in
 * and out of hours, out-of-hours callouts, standby and callout pay, and how far each person is
 * from the rota's average (common's `onCallLoad`). The rotas are every owning team's and every
 * domain's with a `domain` service, as the levels in force at the end of the window call for;
 * the shifts are the rotas' with overrides applied; the callouts come from the incidents in the
 * event store that started in the window.
 */
export class OnCallLoad {
  constructor(
    private readonly sources: Pick<
      LeadersSources,
      'assessments' | 'rotas' | 'eventStore' | 'config' | 'now'
    >,
  ) {}

  async report(window: LeadersWindow): Promise<OnCallLoadReport> {
    const { assessments, rotas, eventStore, config } = this.sources;
    const now = this.sources.now();
    const services = costServices(
      assessments.list(assessedAt(window, now)),
      config,
    );
    const snapshot = assessments.snapshot;
    const annotations = new Map(
      (snapshot?.groups ?? []).map(g => [lower(g.entityRef), g.annotations]),
    );
    const titles = new Map(
      [...(snapshot?.titles ?? new Map<string, string>())].map(([ref, t]) => [
        lower(ref),
        t,
      ]),
    );
    const hours = new Map<string, WorkingHoursConfig>();
    const hoursOf = (team: string | null): WorkingHoursConfig => {
      if (!team) return config.workingHours;
      let found = hours.get(team);
      if (!found) {
        found = teamWorkingHours(annotations.get(team) ?? {}, config).hours;
        hours.set(team, found);
      }
      return found;
    };
    const ownerOf = new Map(services.map(s => [s.entityRef, s.owner]));
    const covered = outOfHoursRotas(services);
    const refs = new Set([
      ...services.flatMap(s => (s.owner ? [s.owner] : [])),
      ...Object.keys(covered.domain),
    ]);

    const loadRotas: OnCallLoadRota[] = [];
    const pause = createPause();
    for (const ref of [...refs].sort()) {
      await pause();
      const def = rotas.definition(ref, now);
      if (!def) continue;
      const shifts =
        (await rotas.shiftsBetween(ref, window.from, window.to, now)) ?? [];
      const outOfHours =
        (def.kind === 'team' ? covered.team[ref] : covered.domain[ref]) ?? [];
      loadRotas.push({
        rotaRef: ref,
        kind: def.kind,
        title: titles.get(ref) ?? null,
        participants: def.participants,
        optedOutCount: def.optedOutCount,
        shifts,
        // A domain rota is set up in its own zone (see RotaService), with the configured hours.
        workingHours:
          def.kind === 'team'
            ? hoursOf(ref)
            : { ...config.workingHours, timezone: def.settings.timezone },
        pagesOutOfHours: outOfHours.length > 0,
        outOfHoursServices: outOfHours.map(service => ({
          entityRef: service,
          workingHours: hoursOf(ownerOf.get(service) ?? null),
        })),
      });
    }

    const incidents = await eventStore.incidents({
      from: window.from.getTime(),
      to: window.to.getTime(),
    });
    return onCallLoad({
      window,
      rotas: loadRotas,
      incidents: incidents.map(i => ({
        id: String(i.id),
        startedAt: i.startedAt,
        restoredAt: i.restoredAt,
        services: i.services,
      })),
      onCall: config.onCall,
      currency: config.currency,
      holidays: config.holidays,
      flagAbove: config.onCall.fairLoad.flagAbove,
    });
  }
}
