/**
 * Benchmark: a GitHub sync of 2,000 repositories against the local stand-in of GitHub's REST
 * API, read page after page as the backend's runner reads a source. Each run is a first sync
 * (every repository's production deployments over the initial window), then a second sync with
 * nothing changed (ETags: 304s), then a third after one repository in ten deployed once more.
 * Prints durations, requests and memory; asserts nothing.
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend-module-github bench:sync [--repos 2000] [--deployments 20] [--runs 3]
 *
 * The stand-in runs in a child process, so the memory figures are the source's own.
 */
import { fork } from 'child_process';
import { performance } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  GitHubStandIn,
  seedRepositories,
  startGitHubStandIn,
} from '../src/__testUtils__/gitHubStandIn';
import { GitHubDeploymentSource } from '../src/GitHubDeploymentSource';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const REPOS = argument('--repos', 2000);
const DEPLOYMENTS = argument('--deployments', 20);
const RUNS = argument('--runs', 3);
const slugs = Array.from(
  { length: REPOS },
  (_, i) => `hearth-and-home/service-${String(i).padStart(4, '0')}`,
);

type Message =
  | { type: 'ready'; url: string }
  | { type: 'counts'; charged: number; requests: number }
  | { type: 'deployed' };

/** The child: a stand-in with the repositories, answering the parent's few commands. */
async function child() {
  const standIn: GitHubStandIn = await startGitHubStandIn({
    tokens: ['bench'],
    rateLimit: 10_000_000,
  });
  // A deployment every 18 days over the year: DEPLOYMENTS of them in each repository.
  seedRepositories(standIn, slugs, {
    deployments: DEPLOYMENTS,
    everyHours: (365 * 24) / (DEPLOYMENTS + 1),
  });
  process.on('message', (command: string) => {
    if (command === 'counts') {
      process.send!({
        type: 'counts',
        charged: standIn.charged,
        requests: standIn.requests.length,
      } satisfies Message);
    } else if (command === 'deploy') {
      for (let i = 0; i < slugs.length; i += 10) {
        const d = standIn.addDeployment(slugs[i], {
          createdAt: new Date(Date.now() - 3_600_000).toISOString(),
          committedAt: new Date(Date.now() - 7_200_000).toISOString(),
        });
        standIn.addStatus(slugs[i], d.id, 'success', new Date().toISOString());
      }
      process.send!({ type: 'deployed' } satisfies Message);
    } else if (command === 'exit') {
      standIn.close().then(() => process.exit(0));
    }
  });
  // The requests log grows with every request; the benchmark needs only its length.
  setInterval(() => {
    standIn.requests.length = 0;
  }, 1000).unref();
  process.send!({ type: 'ready', url: standIn.url } satisfies Message);
}

function startChild() {
  const worker = fork(__filename, process.argv.slice(2), {
    env: { ...process.env, GITHUB_STAND_IN_CHILD: '1' },
  });
  const ask = <T extends Message['type']>(
    command: string | undefined,
    type: T,
  ) =>
    new Promise<Extract<Message, { type: T }>>(resolve => {
      const onMessage = (message: Message) => {
        if (message.type === type) {
          worker.off('message', onMessage);
          resolve(message as Extract<Message, { type: T }>);
        }
      };
      worker.on('message', onMessage);
      if (command) worker.send(command);
    });
  return { worker, ask };
}

// A collection before each heap reading, so it shows what the source keeps, not its garbage.
setFlagsFromString('--expose_gc');
const collect = runInNewContext('gc') as () => void;
const retainedHeap = () => {
  collect();
  return process.memoryUsage().heapUsed;
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function sync(
  source: GitHubDeploymentSource,
  cursor: string | undefined,
) {
  const start = performance.now();
  const sentBefore = source.requestCounts?.sent ?? 0;
  const notModifiedBefore = source.requestCounts?.notModified ?? 0;
  let pages = 0;
  let events = 0;
  let next = cursor;
  for (;;) {
    const page = await source.read({
      cursor: next,
      signal: new AbortController().signal,
    });
    pages += 1;
    events += page.events.deployments?.length ?? 0;
    next = page.cursor;
    if (!page.more) break;
  }
  return {
    ms: performance.now() - start,
    requests: (source.requestCounts?.sent ?? 0) - sentBefore,
    notModified: (source.requestCounts?.notModified ?? 0) - notModifiedBefore,
    pages,
    events,
    cursorBytes: next?.length ?? 0,
    cursor: next,
  };
}

async function main() {
  const { worker, ask } = startChild();
  const { url } = await ask(undefined, 'ready');
  const entities: Entity[] = slugs.map(slug => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: slug.split('/')[1],
      namespace: 'default',
      annotations: { 'github.com/project-slug': slug },
    },
    spec: { type: 'service', owner: 'platform' },
  }));
  const quiet = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return quiet;
    },
  };
  console.log(
    `GitHub sync of ${REPOS} repositories, ${DEPLOYMENTS} production deployments each, against the stand-in (${RUNS} runs)`,
  );
  const rows: Array<Record<string, Awaited<ReturnType<typeof sync>>>> = [];
  for (let r = 0; r < RUNS; r++) {
    const before = retainedHeap();
    const source = new GitHubDeploymentSource({
      config: mockServices.rootConfig({
        data: {
          integrations: {
            github: [{ host: 'github.com', apiBaseUrl: url, token: 'bench' }],
          },
          operatingModel: { sources: { github: {} } },
        },
      }),
      logger: quiet as any,
      auth: mockServices.auth(),
      catalog: new InMemoryCatalogClient({ entities }),
    });
    const first = await sync(source, undefined);
    const afterFirst = retainedHeap();
    const second = await sync(source, first.cursor);
    await ask('deploy', 'deployed');
    const third = await sync(source, second.cursor);
    rows.push({ first, second, third });
    console.log(
      `run ${r + 1}: first ${(first.ms / 1000).toFixed(1)} s, ${
        first.requests
      } requests, ${first.events} events, ${first.pages} pages; unchanged ${(
        second.ms / 1000
      ).toFixed(2)} s, ${second.requests} requests (${
        second.notModified
      } answered 304); after 1 in 10 deployed ${(third.ms / 1000).toFixed(
        2,
      )} s, ${third.requests} requests, ${third.events} events; cursor ${(
        third.cursorBytes / 1024
      ).toFixed(0)} kB; heap kept by the source ${mb(
        afterFirst - before,
      )}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
    // The next run starts afresh, as a new backend would; the stand-in keeps its data.
    await ask('deploy', 'deployed');
  }
  const pick = (phase: 'first' | 'second' | 'third', key: 'ms' | 'requests') =>
    median(rows.map(row => row[phase][key]));
  console.log(
    `median: first sync ${(pick('first', 'ms') / 1000).toFixed(1)} s (${pick(
      'first',
      'requests',
    )} requests); unchanged ${(pick('second', 'ms') / 1000).toFixed(
      2,
    )} s (${pick('second', 'requests')} requests); after 1 in 10 deployed ${(
      pick('third', 'ms') / 1000
    ).toFixed(2)} s (${pick('third', 'requests')} requests)`,
  );
  const counts = await ask('counts', 'counts');
  console.log(
    `stand-in: ${counts.charged} requests counted against the rate limit`,
  );
  worker.send('exit');
}

if (process.env.GITHUB_STAND_IN_CHILD) {
  child();
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
