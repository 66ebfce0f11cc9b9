import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import YAML from 'yaml';
import { operatingModelPlugin } from '../plugin';
import { spec } from '../schema/openapi.generated';
import { testEntities, testOperatingModelConfig } from '../testEntities';
import { countBatchItems } from './requestBody';
import { ROUTES, RouterOptions } from './index';
import { postgresMissing, testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const SCHEMA_DIR = path.resolve(__dirname, '../schema');

function generatedModule(): string {
  const doc = YAML.parse(
    fs.readFileSync(path.join(SCHEMA_DIR, 'openapi.yaml'), 'utf8'),
  );
  return [
    '// Generated from openapi.yaml; edit the YAML, then run',
    '// `OPENAPI_WRITE=1 yarn backstage-cli package test src/router/openapi.test.ts` to write this file again.',
    '',
    "/** The plugin's OpenAPI document, as a value the router validates requests with. */",
    `export const spec = ${JSON.stringify(doc, null, 2)} as const;`,
    '',
  ].join('\n');
}

describe('the OpenAPI document', () => {
  it('is what openapi.generated.ts holds', () => {
    const expected = generatedModule();
    const file = path.join(SCHEMA_DIR, 'openapi.generated.ts');
    if (process.env.OPENAPI_WRITE) fs.writeFileSync(file, expected);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });

  it('describes every route the routers serve, and no other', () => {
    const options = new Proxy(
      {},
      { get: () => () => undefined },
    ) as unknown as RouterOptions;
    const routers = ROUTES.map(create => create(options));
    const served = routers.flatMap(router =>
      (
        router.stack as Array<{
          route?: { path: string; methods: Record<string, boolean> };
        }>
      )
        .filter(layer => layer.route)
        .flatMap(layer =>
          Object.keys(layer.route!.methods).map(
            method => `${method} ${layer.route!.path}`,
          ),
        ),
    );
    // A document path is served when Express would send it to one of the routes.
    const asExpress = (template: string) =>
      template
        .replace(/\{[^}]+\}\.ics$/, ':name')
        .replace(/\{([^}]+)\}/g, ':$1')
        .replace(/^\/events\/[a-z-]+$/, '/events/:kind');
    const documented = Object.entries(spec.paths).flatMap(([template, item]) =>
      Object.keys(item).map(method => `${method} ${asExpress(template)}`),
    );
    expect([...new Set(documented)].sort()).toEqual(
      [...new Set(served)].sort(),
    );
  });

  it('names every operation, and gives each an error response', () => {
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item) as Array<
        [string, { operationId?: string; responses: object }]
      >) {
        expect({
          route: `${method} ${template}`,
          operationId: typeof operation.operationId,
        }).toEqual({
          route: `${method} ${template}`,
          operationId: 'string',
        });
        expect(
          Object.keys(operation.responses).some(status =>
            status.startsWith('4'),
          ),
        ).toBe(true);
      }
    }
  });
});

describe('countBatchItems', () => {
  it.each([
    ['{"items":[]}', 0],
    ['{"items":[{}]}', 1],
    ['{ "items" : [ {"a":[1,2,3]}, {"b":"x,y]"} , 3 ] }', 3],
    ['{"other":{"items":[1,2,3,4]},"items":[1]}', 1],
    ['{"items":"not a list"}', 'not-an-array'],
    ['{"items":{"0":1}}', 'not-an-array'],
    ['{"it\\u0065ms":[1,2]}', 2],
    ['[1,2,3]', undefined],
    ['{}', undefined],
  ])('reads %s as %p', (text, expected) => {
    expect(countBatchItems(text, 10_000)).toEqual(expected);
  });

  it('stops counting past the cap', () => {
    expect(countBatchItems(`{"items":[${'{},'.repeat(50)}{}]}`, 10)).toBe(11);
  });
});

const databases = testDatabases(['POSTGRES_15', 'SQLITE_3']);

it('runs against a real PostgreSQL server where the test command provides one', () => {
  expect(postgresMissing(databases)).toBe(false);
});

/** Sends a request by hand, so a test can leave the body unfinished or gzip it. */
function rawRequest(
  server: http.Server,
  options: {
    method: string;
    path: string;
    headers: Record<string, string | number>;
    body?: Buffer;
    end?: boolean;
  },
): Promise<{ status: number; body: any; ms: number }> {
  const { port } = server.address() as AddressInfo;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON: kept as text.
          }
          resolve({
            status: res.statusCode ?? 0,
            body,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    if (options.end !== false) req.end();
  });
}

describe.each(databases.eachSupportedId())('the contract on %s', databaseId => {
  let server: http.Server;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        operatingModelPlugin,
        mockServices.rootConfig.factory({
          // Without the default policy, only the plugin's own reading of bodies stands between an
          // anonymous caller and the JSON parser, which is what these tests look at.
          data: {
            operatingModel: testOperatingModelConfig,
            backend: { auth: { dangerouslyDisableDefaultAuthPolicy: true } },
          },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: testEntities() }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    server = backend.server as unknown as http.Server;
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  const api = (p: string) => `/api/operating-model${p}`;
  const user = { Authorization: mockCredentials.user.header() };
  const service = { Authorization: mockCredentials.service.header() };

  it('serves the document at /openapi.json', async () => {
    const response = await request(server).get(api('/openapi.json')).set(user);
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.0.3');
    expect(Object.keys(response.body.paths)).toContain(
      '/api/operating-model/services/{kind}/{namespace}/{name}',
    );
  });

  it.each([
    [
      '/services?at=yesterday',
      'at: expected an ISO 8601 instant such as 2026-11-27T12:00:00Z; got "yesterday"',
    ],
    [
      '/services?at=2026-01-01T00:00:00%2B25:00',
      'at: expected an ISO 8601 instant such as 2026-11-27T12:00:00Z; got "2026-01-01T00:00:00+25:00"',
    ],
    [
      '/services?at=a&at=b',
      'at: expected an ISO 8601 instant such as 2026-11-27T12:00:00Z; got "[\\"a\\",\\"b\\"]"',
    ],
    [
      '/services?when=now',
      'when: is not a parameter of this route; it takes at',
    ],
    [
      '/directory/facets?x=1',
      'x: is not a parameter of this route; it takes none',
    ],
    [
      '/directory/services?limit=501',
      'limit: expected a whole number of rows from 1 to 500; got "501"',
    ],
    [
      '/directory/services?availabilityTarget=high',
      'availabilityTarget: expected a target in percent such as 99.9, or none; got "high"',
    ],
    [
      '/directory/services?groupBy=person',
      'groupBy: expected none, team or domain; got "person"',
    ],
    [
      '/measures?groupBy=person',
      'groupBy: expected team or domain; got "person"',
    ],
    ['/measures', 'groupBy: expected team or domain'],
    [
      '/measures/system/default/shop',
      'path: expected an entity ref of kind component or group or domain; got "system"',
    ],
    [
      `/services/component/default/${'x'.repeat(256)}`,
      'path: at most 255 characters; got "xxx',
    ],
    [
      '/on-call',
      'entityRef: expected an entity ref such as component:default/bedroom',
    ],
    [
      `/on-call?entityRef=${'x'.repeat(300)}`,
      'entityRef: at most 255 characters; got "xxxxxxxx',
    ],
    [
      '/on-call?entityRef=component:default/a%00b',
      'entityRef: must not contain NUL characters',
    ],
    [
      '/schedules/component/default/bedroom',
      'kind: schedules are kept for a group or a domain; got "component"',
    ],
    [
      '/costs?from=2026-13-01T00:00:00Z',
      'from: expected an ISO 8601 instant such as 2026-11-27T12:00:00Z',
    ],
  ])('answers GET %s with a 400 naming the parameter', async (p, message) => {
    const response = await request(server).get(api(p)).set(user);
    expect(response.status).toBe(400);
    expect(response.body.error.message.slice(0, message.length)).toBe(message);
  });

  it.each([
    [
      '/events/deployments',
      { items: [{}, {}, {}, 7] },
      'items[3]: expected an object',
    ],
    ['/events/deployments', {}, 'items: is required'],
    [
      '/events/deployments',
      { items: [], extra: true },
      'extra: is not a field of this request; expected items',
    ],
    [
      '/events/incidents',
      { items: 'many' },
      'items: expected an array of at most 10000 events',
    ],
    ['/events/incidents', [1, 2], 'body: expected an object'],
    [
      '/incident-loss',
      { security: false },
      'journey: expected one of blocked, degraded, ok',
    ],
    [
      '/incident-loss',
      { journey: 'ok', security: 'yes' },
      'security: expected true or false',
    ],
    [
      '/incident-loss',
      { journey: 'ok', security: false, lossPerHr: 5 },
      'lossPerHr: is not a field of this request',
    ],
    [
      '/schedules/group/default/bedroom-team/overrides',
      {
        person: 'user:default/dan',
        start: '2026-11-10T12:00:00-99:00',
        end: '2026-11-11T12:00:00Z',
      },
      'start: expected an ISO 8601 instant',
    ],
  ])(
    'answers POST %s %j with a 400 naming the field',
    async (p, body, message) => {
      const response = await request(server)
        .post(api(p))
        .set(service)
        .send(body as object);
      expect(response.status).toBe(400);
      expect(response.body.error.message.slice(0, message.length)).toBe(
        message,
      );
    },
  );

  it('refuses a body of another type, unread', async () => {
    const response = await request(server)
      .post(api('/incident-loss'))
      .set(user)
      .set('Content-Type', 'text/plain')
      .send('journey=ok');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Content-Type: expected application/json; got "text/plain"',
    );
  });

  it('refuses an anonymous body with a 401 before reading it', async () => {
    // The body is announced but never sent: an answer at all shows that nothing waited for it.
    const response = await rawRequest(server, {
      method: 'POST',
      path: api('/events/deployments'),
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': 1_000_000,
      },
      body: Buffer.from('{"items":['),
      end: false,
    });
    expect(response.status).toBe(401);
  });

  it('never reads a body on /feeds', async () => {
    const response = await rawRequest(server, {
      method: 'GET',
      path: api('/feeds/people/default/alice.ics?token=abc'),
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': 1_000_000,
      },
      body: Buffer.from('{"a":'),
      end: false,
    });
    expect(response.status).toBe(403);
  });

  it('refuses a body larger than the route takes, as sent and once inflated', async () => {
    const form = await request(server)
      .post(api('/incident-loss'))
      .set(user)
      .send({ journey: 'ok', security: false, entityRef: 'x'.repeat(70_000) });
    expect(form.status).toBe(413);
    expect(form.body.error.message).toBe('body: at most 64 KB as sent');

    const declared = await rawRequest(server, {
      method: 'POST',
      path: api('/events/deployments'),
      headers: {
        ...service,
        'Content-Type': 'application/json',
        'Content-Length': 6 * 1024 * 1024,
      },
      body: Buffer.from('{"items":['),
      end: false,
    });
    expect(declared.status).toBe(413);

    const bomb = zlib.gzipSync(
      `{"items":[${'"x",'.repeat(20_000)}"x"], "pad": "${' '.repeat(
        6 * 1024 * 1024,
      )}"}`,
    );
    const inflated = await rawRequest(server, {
      method: 'POST',
      path: api('/events/deployments'),
      headers: {
        ...service,
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': bomb.length,
      },
      body: bomb,
    });
    expect(inflated.status).toBe(413);
    expect(inflated.body.error.message).toBe(
      'body: at most 5120 KB once Content-Encoding is undone',
    );
  });

  it('refuses 6 KB of gzip holding two million empty items in well under a second', async () => {
    const body = zlib.gzipSync(`{"items":[${'{},'.repeat(1_999_999)}{}]}`, {
      level: 9,
    });
    // Under the inflated limit, so only the item count refuses it.
    const justUnder = zlib.gzipSync(
      `{"items":[${'{},'.repeat(1_700_000)}{}]}`,
      { level: 9 },
    );
    const send = (payload: Buffer) =>
      rawRequest(server, {
        method: 'POST',
        path: api('/events/deployments'),
        headers: {
          ...service,
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
          'Content-Length': payload.length,
        },
        body: payload,
      });
    await send(body); // warm-up, so the figure is the request's and not the first compile's
    global.gc?.();
    const before = process.memoryUsage();
    const big = await send(body);
    const after = process.memoryUsage();
    const under = await send(justUnder);
    const figures =
      `POST /events/deployments, ${body.length} bytes gzipped, 2,000,000 empty items: ` +
      `${big.status} in ${big.ms.toFixed(1)} ms, RSS ${(
        (after.rss - before.rss) /
        1e6
      ).toFixed(1)} MB, ` +
      `heap ${((after.heapUsed - before.heapUsed) / 1e6).toFixed(1)} MB; ` +
      `1,700,001 items (${
        justUnder.length
      } bytes, under the 5 MB inflated limit): ${
        under.status
      } in ${under.ms.toFixed(1)} ms`;
    process.stdout.write(`${figures}\n`);
    expect(body.length).toBeLessThan(8 * 1024);
    expect(big.status).toBe(413);
    expect(big.ms).toBeLessThan(500);
    expect(under.status).toBe(400);
    expect(under.body.error.message).toContain('items: at most 10000 items');
    expect(under.ms).toBeLessThan(500);
  });

  it('still takes a real batch, gzipped', async () => {
    const items = [
      {
        source: 'ci',
        externalId: 'contract-1',
        service: 'component:default/bedroom',
        environment: 'production',
        buildTime: '2026-10-01T10:00:00Z',
        deployTime: '2026-10-01T11:00:00Z',
      },
    ];
    const body = zlib.gzipSync(JSON.stringify({ items }));
    const response = await rawRequest(server, {
      method: 'POST',
      path: api('/events/deployments'),
      headers: {
        ...service,
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': body.length,
      },
      body,
    });
    expect(response).toMatchObject({ status: 200, body: { written: 1 } });
  });
});
