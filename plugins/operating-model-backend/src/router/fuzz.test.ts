import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { operatingModelPlugin } from '../plugin';
import { spec } from '../schema/openapi.generated';
import { testEntities, testOperatingModelConfig } from '../testEntities';
import { postgresMissing, testDatabases } from '../__testUtils__/testDatabases';

/**
 * Generates requests from the OpenAPI document, valid and hostile, for every operation, and sends
 * them to the real plugin: none may be answered 5xx, and every route but the calendar feeds
 * refuses a caller without credentials. FUZZ_RUNS scales the runs per operation; FUZZ_SEED
 * replays a run.
 */

jest.setTimeout(240_000);

type Schema = Record<string, any>;

const doc = spec as unknown as {
  paths: Record<string, Record<string, Schema>>;
  components: Record<string, Record<string, Schema>>;
};
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const UNAUTHENTICATED_RUNS = Math.max(3, Math.round(RUNS / 6));
// A fixed seed keeps the suite deterministic; set FUZZ_SEED (and FUZZ_RUNS) to explore further.
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_202;

function resolve(value: Schema | undefined): Schema | undefined {
  let current = value;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<any>((node: any, key: string) => node?.[key], doc);
  }
  return current;
}

interface Operation {
  name: string;
  method: string;
  template: string;
  parameters: Schema[];
  body: Schema | undefined;
  eventKind: string | undefined;
  feed: boolean;
}

const operations: Operation[] = Object.entries(doc.paths).flatMap(
  ([template, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const requestBody = resolve(operation.requestBody);
      return {
        name: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        parameters: ((operation.parameters ?? []) as Schema[]).map(
          p => resolve(p)!,
        ),
        body: resolve(requestBody?.content?.['application/json']?.schema),
        eventKind: /^\/events\/(.+)$/.exec(template)?.[1],
        feed: template.startsWith('/feeds/'),
      };
    }),
);

// Valid values: instants and refs the test organisation has.
const instant = fc
  .date({
    min: new Date('2025-06-01T00:00:00Z'),
    max: new Date('2026-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .chain(date =>
    fc.constantFrom(
      date.toISOString(),
      date.toISOString().replace('.000Z', 'Z'),
      date.toISOString().replace(/\.\d{3}Z$/, '+01:00'),
      date.toISOString().replace(/\.\d{3}Z$/, '-05:30'),
    ),
  );
const day = fc
  .date({
    min: new Date('2025-06-01T00:00:00Z'),
    max: new Date('2026-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map(d => d.toISOString().slice(0, 10));
const components = [
  'bedroom',
  'living-room',
  'kitchen-planner',
  'appointments',
  'delivery-tracking',
  'design-system',
];
const groups = [
  'bedroom-team',
  'kitchen-team',
  'appointments-team',
  'operations',
];
const users = ['alice', 'bob', 'carol', 'dan', 'erin', 'frank'];
const componentRef = fc
  .constantFrom(...components)
  .map(n => `component:default/${n}`);
const userRef = fc.constantFrom(...users).map(n => `user:default/${n}`);
const word = fc.stringMatching(/^[a-z0-9-]{1,12}$/);

// Hostile values, as a person trying to break the backend would send them.
const hostileInstant = fc.constantFrom(
  '2026-01-01T00:00:00+25:00',
  '2026-01-01T00:00:00-99:00',
  '2026-01-01T00:00:00+2359',
  '2026-01-01T00:00:00+18:01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1969-12-31T23:59:59Z',
  '2026-02-30T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:59:60Z',
  '2026-01-01 00:00:00Z',
  '2026-01-01T00:00:00.123456789123Z',
  '+275760-09-13T00:00:00Z',
  '2026-01-01',
  'yesterday',
  '',
);
const hostileString = fc.oneof(
  fc.constantFrom(
    'a\u0000b',
    '\u0000',
    '\uD800',
    '\u202Eevil',
    'Z\u0351\u0362\u0353',
    '💥🔥',
    '../../etc/passwd',
    "' OR 1=1 --",
    'a/b',
    'a%2Fb',
    'component:default/',
    ':/',
    ' ',
    '',
  ),
  fc.constantFrom(10, 256, 10_000).map(n => 'x'.repeat(n)),
  fc.constantFrom(1, 300).map(n => `component:default/${'é'.repeat(n)}`),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const hostileNumber = fc.constantFrom(
  -1,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  0.1,
  1e-320,
);
const nested = (depth: number): unknown => {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileInstant,
  hostileNumber,
  fc.constantFrom(null, true, false, [], {}, [1, 2], { a: 1 }, [[]], ['x']),
  fc.constantFrom(50, 500).map(nested),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
);

/** Percent-encodes anything, lone surrogates included (as the bytes WTF-8 gives them). */
function encode(value: string): string {
  return Array.from(value)
    .map(char => {
      const code = char.charCodeAt(0);
      if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return [
          0xe0 | (code >> 12),
          0x80 | ((code >> 6) & 0x3f),
          0x80 | (code & 0x3f),
        ]
          .map(b => `%${b.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(char);
    })
    .join('');
}

/** A valid value for a schema of the document; `name` picks realistic values for refs and instants. */
function validFor(
  schema: Schema | undefined,
  name = '',
): fc.Arbitrary<unknown> {
  const s = resolve(schema) ?? {};
  if (s.allOf)
    return validFor({ ...s, ...resolve(s.allOf[0]), allOf: undefined }, name);
  if (s.enum)
    return fc.constantFrom(...(s.enum as unknown[]).filter(v => v !== null));
  if (s.format === 'date-time') return instant;
  if (['entityRef'].includes(name))
    return fc.oneof(componentRef, fc.constantFrom(...components));
  if (['person', 'covers'].includes(name))
    return fc.oneof(userRef, fc.constantFrom(...users));
  if (name === 'lossSoFar' || name === 'lossPerHour') {
    return fc.oneof(
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.constantFrom('12K', '1.5M', null),
    );
  }
  switch (s.type) {
    case 'string':
      return fc
        .string({
          minLength: s.minLength ?? 0,
          maxLength: Math.min(s.maxLength ?? 40, 40),
        })
        .filter(v => !v.includes('\u0000'));
    case 'number':
      return fc.double({ min: 0, max: 1e6, noNaN: true });
    case 'integer':
      return fc.integer({ min: 0, max: 1_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validFor(s.items), { maxLength: 3 });
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries((s.properties ?? {}) as Record<string, Schema>).map(
          ([key, value]) => [key, validFor(value, key)],
        ),
      );
      return fc.record(properties, {
        requiredKeys: (s.required ?? []) as string[],
      });
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/** A valid item of each kind of event; the document leaves items loose, the event reader is precise. */
const eventItems: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  deployments: fc.record({
    source: fc.constant('ci'),
    externalId: word,
    service: componentRef,
    environment: fc.constantFrom('production', 'staging'),
    buildTime: instant,
    deployTime: instant,
    standardChange: fc.boolean(),
  }),
  incidents: fc.record(
    {
      source: fc.constant('pagerduty'),
      externalId: word,
      services: fc.array(componentRef, { minLength: 1, maxLength: 2 }),
      startedAt: instant,
      restoredAt: instant,
      financialLoss: fc.oneof(
        fc.integer({ min: 0, max: 1e9 }),
        fc.constant(Number.MAX_SAFE_INTEGER),
      ),
      majorIncidentManager: fc.boolean(),
    },
    { requiredKeys: ['source', 'externalId', 'services', 'startedAt'] },
  ),
  availability: fc
    .record({
      source: fc.constant('slo'),
      externalId: word,
      service: componentRef,
      start: instant,
      end: instant,
      total: fc.oneof(
        fc.integer({ min: 0, max: 100_000 }),
        fc.constant(Number.MAX_SAFE_INTEGER),
      ),
    })
    .map(item => ({ ...item, good: Math.floor(item.total * 0.99) })),
  reviews: fc.record({
    source: fc.constant('confluence'),
    externalId: word,
    services: fc.array(componentRef, { minLength: 1, maxLength: 2 }),
    // eslint-disable-next-line no-script-url -- a hostile link the store must refuse
    url: fc.constantFrom('https://wiki.example/pir', 'javascript:alert(1)'),
    publishedAt: instant,
  }),
  'review-reads': fc.record({
    source: fc.constant('confluence'),
    reviewExternalId: word,
    person: fc.constantFrom(...users),
    readAt: instant,
  }),
  actions: fc.record({
    source: fc.constant('jira'),
    externalId: word,
    service: componentRef,
    definedAt: instant,
  }),
  'chaos-days': fc.record({
    source: fc.constant('gameday'),
    externalId: word,
    service: componentRef,
    date: day,
  }),
  rework: fc.record({
    source: fc.constant('jira'),
    externalId: word,
    team: fc.constantFrom(...groups),
    week: day,
    hours: fc.double({ min: 0, max: 1e6, noNaN: true }),
    members: fc.integer({ min: 1, max: 20 }),
  }),
};

/** Refs go into indexed columns of a fixed length, where a NUL or a long value reaches SQL. */
const hostileRef = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    'component:default/a\u0000b',
    'group:default/\u0000',
  ),
  fc.constantFrom(254, 255, 256, 300, 10_000).map(n => 'x'.repeat(n)),
  fc.constantFrom(240, 300).map(n => `component:default/${'x'.repeat(n)}`),
  fc.constantFrom(
    ['\u0000'],
    ['x'.repeat(300)],
    Array.from({ length: 101 }, (_, i) => `s${i}`),
  ),
);
const REF_FIELDS = [
  'service',
  'services',
  'team',
  'person',
  'entityRef',
  'covers',
  'source',
  'externalId',
];

/** Replaces one field of an object (or one item of an array, or the whole) with a hostile value. */
function spoil(value: unknown): fc.Arbitrary<unknown> {
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return fc
      .constantFrom(...keys, '__new__', '__whole__')
      .chain(key =>
        fc.tuple(
          fc.constant(key),
          REF_FIELDS.includes(key)
            ? fc.oneof(hostileRef, hostileValue)
            : hostileValue,
        ),
      )
      .map(([key, bad]) => {
        if (key === '__whole__') return bad;
        const copy: any = Array.isArray(value) ? [...value] : { ...value };
        copy[key === '__new__' ? 'unexpected' : key] = bad;
        return copy;
      });
  }
  return hostileValue;
}

function bodyArbitrary(
  operation: Operation,
): fc.Arbitrary<unknown> | undefined {
  if (!operation.body) return undefined;
  if (operation.eventKind) {
    const item = eventItems[operation.eventKind];
    const valid = fc.array(item, { maxLength: 4 }).map(items => ({ items }));
    const hostileItem = item.chain(spoil);
    return fc.oneof(
      valid,
      fc
        .array(fc.oneof(item, hostileItem), { minLength: 1, maxLength: 4 })
        .map(items => ({ items })),
      hostileValue.map(items => ({ items })),
      valid.chain(spoil),
    );
  }
  const valid = validFor(operation.body);
  return fc.oneof(valid, valid.chain(spoil));
}

/** Raw bodies no JSON.stringify makes. */
const rawBodies = fc.constantFrom(
  '{"items":[{"good":1e400,"total":1e400}]}',
  '{"journey":"ok","security":false,"lossSoFar":1e400}',
  `{"items":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
  '{"items":[{}',
  '\uFEFF{"items":[]}',
  '{"__proto__":{"polluted":true},"items":[]}',
  '{"constructor":{"prototype":{"x":1}}}',
  'null',
  '"items"',
  '',
);

const hostileSegment = fc.oneof(
  fc.constantFrom(
    'a%2Fb',
    '%2e%2e',
    '..',
    '%00',
    'a%00b',
    '%ZZ',
    '%C0%AF',
    '%E2%80%AE',
    '%F0%9F%92%A5',
    '%20',
    'x.ics',
    '-',
    '_',
  ),
  fc.constantFrom(256, 10_000).map(n => 'x'.repeat(n)),
  hostileString.map(v => encode(v).replace(/%2F/g, '%2f')),
);

function validSegment(
  operation: Operation,
  parameter: Schema,
): fc.Arbitrary<string> {
  const template = operation.template;
  const values: Record<string, string[]> = {};
  if (
    template.startsWith('/schedules/') ||
    template.startsWith('/feeds/schedules/')
  ) {
    values.kind = ['group', 'domain'];
    values.name = [...groups, 'furnishing'];
  } else if (
    template.startsWith('/people/') ||
    template.startsWith('/feeds/people/')
  ) {
    values.name = users;
  } else if (template.startsWith('/measures/')) {
    values.kind = ['component', 'group', 'domain'];
    values.name = [...components, ...groups, 'furnishing'];
  } else {
    values.kind = ['component', 'Component'];
    values.name = [...components, 'no-such-service'];
  }
  values.namespace = ['default'];
  values.source = ['confluence', 'pagerduty'];
  values.externalId = ['PIR-1', 'PIR-404'];
  values.id = ['1', '00000000-0000-0000-0000-000000000000'];
  const schema = resolve(parameter.schema) ?? {};
  const options = schema.enum ?? values[parameter.name] ?? ['x'];
  return fc.constantFrom(...(options as string[]));
}

interface Generated {
  path: string;
  query: string;
  credentials: 'user' | 'service' | 'none' | 'bogus';
  contentType: string | undefined;
  encoding: 'identity' | 'gzip' | 'br' | undefined;
  body: string | undefined;
}

function requestArbitrary(
  operation: Operation,
  feedTokens: () => string[],
): fc.Arbitrary<Generated> {
  const pathParameters = operation.parameters.filter(p => p.in === 'path');
  const queryParameters = operation.parameters.filter(p => p.in === 'query');
  const segments = fc.tuple(
    ...pathParameters.map(p =>
      fc.oneof(
        { weight: 3, arbitrary: validSegment(operation, p) },
        { weight: 1, arbitrary: hostileSegment },
      ),
    ),
  );
  const queryValue = (p: Schema): fc.Arbitrary<string | undefined> => {
    const schema = resolve(p.schema) ?? {};
    const valid =
      p.name === 'token'
        ? fc.nat().map(i => feedTokens()[i % feedTokens().length])
        : (validFor(schema, p.name) as fc.Arbitrary<string>);
    const hostile =
      schema.format === 'date-time'
        ? fc.oneof(hostileInstant, hostileString)
        : hostileString;
    return fc.oneof(
      { weight: p.required ? 0 : 2, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: valid.map(v => encode(String(v))) },
      {
        weight: 1,
        arbitrary: valid.map(v => String(v)).filter(v => !/[\s#%&]/.test(v)),
      },
      { weight: 2, arbitrary: hostile.map(v => encode(String(v))) },
    );
  };
  const query = fc
    .tuple(
      fc.tuple(...queryParameters.map(queryValue)),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant('') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'unknown=1',
            'at[]=x',
            'from[a]=b',
            'to=a&to=b',
            'groupBy=team&groupBy=domain',
          ),
        },
      ),
    )
    .map(([values, extra]) =>
      [
        ...queryParameters.flatMap((p, i) =>
          values[i] === undefined ? [] : [`${p.name}=${values[i]}`],
        ),
        ...(extra ? [extra] : []),
      ].join('&'),
    );
  // The whole window at once: from year 0 to 9999, backwards, or empty.
  const windows = queryParameters.some(p => p.name === 'from')
    ? fc.constantFrom(
        'from=0000-01-01T00:00:00Z&to=9999-12-31T23:59:59Z',
        'from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z',
        'from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z',
        'from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
        'from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      )
    : fc.constant('');
  const body = bodyArbitrary(operation);
  const bodyText: fc.Arbitrary<string | undefined> = body
    ? fc.oneof(
        { weight: 6, arbitrary: body.map(b => JSON.stringify(b)) },
        { weight: 1, arbitrary: rawBodies },
      )
    : fc.oneof(
        { weight: 5, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant('{"unexpected":true}') },
      );
  return fc.record({
    path: segments.map(values => {
      let i = 0;
      return operation.template.replace(/\{[^}]+\}/g, () => values[i++]);
    }),
    query: fc.oneof(
      { weight: 5, arbitrary: query },
      { weight: 1, arbitrary: windows },
    ),
    credentials: operation.feed
      ? fc.constantFrom<Generated['credentials']>('none', 'user')
      : fc.oneof(
          {
            weight: 6,
            arbitrary: fc.constant<Generated['credentials']>('user'),
          },
          {
            weight: 2,
            arbitrary: fc.constant<Generated['credentials']>('service'),
          },
        ),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          undefined,
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          'application/merge-patch+json',
        ),
      },
    ),
    encoding: fc.oneof(
      { weight: 8, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Generated['encoding']>(
          'gzip',
          'identity',
          'br',
        ),
      },
    ),
    body: bodyText,
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(
  server: http.Server,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: Buffer,
) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; text: string }>((done, fail) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: url, headers, agent },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', fail);
    if (body) req.write(body);
    req.end();
  });
}

const databases = testDatabases(['POSTGRES_15', 'SQLITE_3']);

it('runs against a real PostgreSQL server where the test command provides one', () => {
  expect(postgresMissing(databases)).toBe(false);
});

describe.each(databases.eachSupportedId())(
  'every operation of the document, fuzzed, on %s',
  databaseId => {
    let server: http.Server;
    let stop: () => Promise<void>;
    let feedTokens: string[] = ['abc.def'];
    const sent = new Map<string, Record<string, number>>();
    const failures: Array<{
      route: string;
      status: number;
      method: string;
      url: string;
      body?: string;
      message: string;
    }> = [];

    async function call(operation: Operation, generated: Generated) {
      const headers: Record<string, string> = {};
      if (generated.credentials === 'user')
        headers.Authorization = mockCredentials.user.header();
      if (generated.credentials === 'service')
        headers.Authorization = mockCredentials.service.header();
      if (generated.credentials === 'bogus')
        headers.Authorization = 'Bearer not-a-token';
      let body: Buffer | undefined;
      if (generated.body !== undefined) {
        body = Buffer.from(generated.body, 'utf8');
        if (generated.contentType)
          headers['Content-Type'] = generated.contentType;
        if (generated.encoding)
          headers['Content-Encoding'] = generated.encoding;
        if (generated.encoding === 'gzip') body = zlib.gzipSync(body);
        headers['Content-Length'] = String(body.length);
      }
      const url = `/api/operating-model${generated.path}${
        generated.query ? `?${generated.query}` : ''
      }`;
      const response = await send(server, operation.method, url, headers, body);
      const tally = sent.get(operation.name) ?? {};
      const klass = `${Math.floor(response.status / 100)}xx`;
      tally[klass] = (tally[klass] ?? 0) + 1;
      sent.set(operation.name, tally);
      if (response.status >= 500) {
        let message = response.text.slice(0, 300);
        try {
          message = JSON.parse(response.text).error.message;
        } catch {
          // Kept as text.
        }
        failures.push({
          route: operation.name,
          status: response.status,
          method: operation.method,
          url: url.length > 300 ? `${url.slice(0, 300)}…` : url,
          body:
            generated.body &&
            (generated.body.length > 300
              ? `${generated.body.slice(0, 300)}…`
              : generated.body),
          message,
        });
      }
      return response;
    }

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: testOperatingModelConfig },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: testEntities() }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          // Errors only: the error handler logs every 5xx with its cause.
          mockServices.rootLogger.factory({ level: 'error' }),
        ],
      });
      server = backend.server as unknown as http.Server;
      stop = () => backend.stop();
      // Real links, so the feeds are sent valid tokens as well as forged ones.
      const links = await Promise.all(
        [
          '/schedules/group/default/bedroom-team/calendar-link',
          '/people/default/alice/calendar-link',
        ].map(p =>
          send(server, 'GET', `/api/operating-model${p}`, {
            Authorization: mockCredentials.user.header(),
          }),
        ),
      );
      feedTokens = [
        ...feedTokens,
        ...links.flatMap(l => {
          try {
            return [
              new URL(JSON.parse(l.text).path, 'http://x').searchParams.get(
                'token',
              )!,
            ];
          } catch {
            return [];
          }
        }),
      ];
    });

    afterAll(async () => {
      const count = (tally: Record<string, number>) =>
        Object.values(tally).reduce((a, b) => a + b, 0);
      const total = [...sent.values()].reduce(
        (sum, tally) => sum + count(tally),
        0,
      );
      const byRoute = [...sent.entries()].map(
        ([route, tally]) =>
          `  ${route}: ${count(tally)} sent (${Object.entries(tally)
            .sort()
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')})`,
      );
      const lines = [
        `Fuzzed ${databaseId} with seed ${SEED}: ${total} requests, ${failures.length} answered 5xx`,
        ...byRoute,
        ...failures.map(
          f =>
            `  5xx ${f.status} ${f.method} ${f.url}${
              f.body ? ` body ${f.body}` : ''
            } → ${f.message}`,
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      agent.destroy();
      await stop?.();
    });

    it.each(operations.map(o => [o.name, o] as const))(
      '%s answers no request with a 5xx',
      async (_name, operation) => {
        const before = failures.length;
        await fc.assert(
          fc.asyncProperty(
            requestArbitrary(operation, () => feedTokens),
            async generated => {
              await call(operation, generated);
              return true;
            },
          ),
          {
            numRuns: RUNS,
            seed: SEED,
            interruptAfterTimeLimit: 60_000,
            markInterruptAsFailure: false,
          },
        );
        expect(failures.slice(before)).toEqual([]);
      },
    );

    it.each(operations.filter(o => !o.feed).map(o => [o.name, o] as const))(
      '%s refuses a caller without credentials',
      async (_name, operation) => {
        const refused = fc.assert(
          fc.asyncProperty(
            requestArbitrary(operation, () => feedTokens),
            fc.constantFrom<Generated['credentials']>('none', 'bogus'),
            async (generated, credentials) => {
              const response = await call(operation, {
                ...generated,
                credentials,
              });
              // 431: Node refuses a URL longer than its header limit before any code of ours runs.
              return response.status === 401 || response.status === 431;
            },
          ),
          { numRuns: UNAUTHENTICATED_RUNS, seed: SEED, endOnFailure: true },
        );
        await expect(refused).resolves.toBeUndefined();
      },
    );
  },
);
