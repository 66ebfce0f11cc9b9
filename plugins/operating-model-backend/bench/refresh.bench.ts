/**
 * Benchmark: the catalog refresh behind every answer, on a generated organisation given to
 * `readOrgSnapshot` as catalog pages (JSON text parsed page by page, as the catalog client does),
 * then the first assessment of every service, the stored snapshot written and read back, and every
 * rota's current shift recorded, on an in-memory SQLite database.
 *
 * While they run, an ordinary request (who is paged for a random service) is started every 10 ms;
 * the bench prints the longest event-loop stall (`perf_hooks.monitorEventLoopDelay`) and the
 * p50/p99 of those requests, each beside issue 11's goal. Prints figures; asserts nothing.
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend bench:refresh [--scale 5] [--runs 3]
 */
import { Entity } from '@backstage/catalog-model';
import knexFactory from 'knex';
import { monitorEventLoopDelay, performance } from 'perf_hooks';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../src/assessments/ServiceAssessments';
import { SnapshotRefresher } from '../src/assessments/SnapshotRefresher';
import { SnapshotStore } from '../src/catalog/SnapshotStore';
import { OrgSnapshot, readOrgSnapshot } from '../src/catalog/readOrgSnapshot';
import { RotaService } from '../src/rotas/RotaService';
import { RotaStore } from '../src/rotas/RotaStore';
import {
  againstGoal,
  generateOrganisation,
  organisationSize,
  quietLogger,
  random,
} from './generatedOrganisation';

const size = organisationSize(process.argv);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const PAGE = 500;
const STALL_GOAL_MS = 50;
const REQUEST_EVERY_MS = 10;

const name = (ref: string) => ref.slice(ref.indexOf('/') + 1);

/** The organisation as the catalog would return it: entities with their relations. */
function entitiesOf(snapshot: OrgSnapshot): Entity[] {
  const entity = (
    kind: string,
    ref: string,
    spec: Record<string, unknown>,
    relations: Array<{ type: string; targetRef: string }>,
    annotations: Record<string, string> = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: name(ref),
      namespace: 'default',
      title: snapshot.titles.get(ref),
      annotations,
    },
    spec,
    relations,
  });
  const teamOf = new Map<string, string>();
  for (const g of snapshot.groups)
    for (const m of g.members) teamOf.set(m, g.entityRef);
  const entities: Entity[] = [];
  for (const d of snapshot.domains)
    entities.push(entity('Domain', d.entityRef, {}, []));
  for (const d of snapshot.domains) {
    const system = `system:default/system-of-${name(d.entityRef)}`;
    entities.push(
      entity('System', system, { domain: d.entityRef }, [
        { type: 'partOf', targetRef: d.entityRef },
      ]),
    );
  }
  for (const g of snapshot.groups) {
    entities.push(
      entity(
        'Group',
        g.entityRef,
        { type: g.type, children: [] },
        g.members.map(m => ({ type: 'hasMember', targetRef: m })),
        g.annotations,
      ),
    );
  }
  for (const u of snapshot.users) {
    const team = teamOf.get(u.entityRef);
    entities.push(
      entity(
        'User',
        u.entityRef,
        { profile: { email: u.email }, memberOf: team ? [team] : [] },
        team ? [{ type: 'memberOf', targetRef: team }] : [],
        u.optedOut ? { 'operating-model.io/on-call': 'opt-out' } : {},
      ),
    );
  }
  for (const s of snapshot.services) {
    const system = `system:default/system-of-${name(s.domain!)}`;
    entities.push({
      ...entity(
        'Component',
        s.entityRef,
        { type: 'service', owner: s.owner, system, dependsOn: s.dependsOn },
        [
          { type: 'ownedBy', targetRef: s.owner! },
          { type: 'partOf', targetRef: system },
          ...s.dependsOn.map(d => ({ type: 'dependsOn', targetRef: d })),
        ],
        s.annotations,
      ),
    });
    entities[entities.length - 1].metadata.links = s.links.map(l => ({
      url: l.url,
      type: l.type,
    }));
  }
  for (const r of snapshot.resources ?? []) {
    entities.push(
      entity(
        'Resource',
        r.entityRef,
        { type: r.type },
        r.dependents.map(d => ({ type: 'dependencyOf', targetRef: d })),
      ),
    );
  }
  return entities;
}

/** The catalog client's paging, in process: each page is JSON text parsed on arrival. */
function pagedCatalog(pages: string[]) {
  return {
    async *streamEntities() {
      for (const page of pages) {
        await new Promise(resolve => setImmediate(resolve));
        yield JSON.parse(page) as Entity[];
      }
    },
  } as any;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[values.length >> 1];

async function main() {
  const config = readOperatingModelConfigFromObject({});
  const generated = generateOrganisation(size);
  const entities = entitiesOf(generated);
  const pages: string[] = [];
  for (let i = 0; i < entities.length; i += PAGE)
    pages.push(JSON.stringify(entities.slice(i, i + PAGE)));
  console.log(
    `organisation: ${generated.groups.length} teams, ${generated.users.length} people, ` +
      `${generated.domains.length} domains, ${generated.services.length} services; ` +
      `${entities.length} entities in ${pages.length} catalog pages`,
  );

  const results: Array<Record<string, number>> = [];
  for (let run = 0; run < RUNS; run++) {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await knex.migrate.latest({ directory: 'migrations' });
    const assessments = new ServiceAssessments(config, quietLogger);
    const rotas = new RotaService(assessments, new RotaStore(knex), config);
    const store = new SnapshotStore(knex);
    const auth = { getOwnServiceCredentials: async () => ({}) } as any;
    const refresher = new SnapshotRefresher({
      read: () => readOrgSnapshot(pagedCatalog(pages), auth),
      assessments,
      store,
      logger: quietLogger,
    });
    const now = new Date('2026-06-03T12:00:00Z');
    // Warm: the first read is what a request waits for; what is timed is a refresh behind answers.
    await refresher.refresh();
    assessments.list(now);

    const rnd = random(run + 1);
    const latencies: number[] = [];
    let requesting = true;
    const requests = (async () => {
      while (requesting) {
        const due = performance.now();
        await new Promise(resolve => setTimeout(resolve, REQUEST_EVERY_MS));
        const service =
          generated.services[Math.floor(rnd() * generated.services.length)];
        if (!process.argv.includes('--no-requests'))
          await rotas.onCall(service.entityRef, now, now);
        // From when the request was due (a timer's worth later) to its answer.
        latencies.push(performance.now() - due - REQUEST_EVERY_MS);
      }
    })();

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // And by hand: the longest gap between turns of a 1 ms timer chain, less the 1 ms.
    let longestGap = 0;
    let current = '';
    const gapIn: Record<string, number> = {};
    let ticking = true;
    const ticks = (async () => {
      let last = performance.now();
      while (ticking) {
        await new Promise(resolve => setTimeout(resolve, 1));
        const at = performance.now();
        longestGap = Math.max(longestGap, at - last - 1);
        gapIn[current] = Math.max(gapIn[current] ?? 0, at - last - 1);
        last = at;
      }
    })();
    const phases: Record<string, number> = {};
    const phase = async (label: string, fn: () => unknown) => {
      current = label;
      const start = performance.now();
      await fn();
      phases[label] = performance.now() - start;
      // A stall at the end of a phase is the phase's: the timer chain notes it before the next.
      await new Promise(resolve => setTimeout(resolve, 5));
    };
    await phase('catalog read, snapshot built and stored', () =>
      refresher.refresh(),
    );
    await phase('every service assessed', () => assessments.list(now));
    await phase('stored snapshot read back', () => store.load());
    await phase("every rota's current shift recorded", () =>
      rotas.recordCurrentShifts(now),
    );
    delay.disable();
    requesting = false;
    ticking = false;
    await Promise.all([requests, ticks]);
    latencies.sort((a, b) => a - b);
    if (process.argv.includes('--gaps'))
      console.log('longest gap by phase', gapIn);
    results.push({
      ...phases,
      stall: Math.max(delay.max / 1e6, longestGap),
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      requests: latencies.length,
      heap: process.memoryUsage().heapUsed / 2 ** 20,
      rss: process.memoryUsage().rss / 2 ** 20,
    });
    await knex.destroy();
  }

  const figure = (key: string) => median(results.map(r => r[key]));
  console.log(`medians of ${RUNS} runs:`);
  for (const key of Object.keys(results[0])) {
    if (['stall', 'p50', 'p99', 'requests', 'heap', 'rss'].includes(key))
      continue;
    console.log(`  ${key.padEnd(60)} ${figure(key).toFixed(0).padStart(7)} ms`);
  }
  console.log(
    `  longest event-loop stall during the refreshes ${figure('stall')
      .toFixed(0)
      .padStart(22)} ms ${againstGoal(figure('stall'), STALL_GOAL_MS, {
      unit: 'ms',
    })}`,
  );
  console.log(
    `  who-is-paged requests meanwhile (${figure('requests').toFixed(
      0,
    )} per run): p50 ${figure('p50').toFixed(1)} ms ${againstGoal(
      figure('p50'),
      STALL_GOAL_MS,
      { unit: 'ms' },
    )}, p99 ${figure('p99').toFixed(1)} ms ${againstGoal(
      figure('p99'),
      STALL_GOAL_MS,
      { unit: 'ms' },
    )}`,
  );
  console.log(
    `  memory at the end: heap used ${figure('heap').toFixed(
      0,
    )} MiB, rss ${figure('rss').toFixed(0)} MiB`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
