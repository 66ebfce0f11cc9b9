import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import {
  EventKind,
  entitiesOf,
  quickReadItem,
  readEventBatch,
  schemaReadItem,
} from './eventSchemas';

const keyed = { source: 'tool', externalId: 'x1' };

describe('readEventBatch', () => {
  it.each<[EventKind, object, object]>([
    [
      'deployments',
      {
        ...keyed,
        service: 'Bedroom',
        environment: 'Production',
        buildTime: '2026-10-01T00:00:00+01:00',
        deployTime: '2026-10-01T12:00:00Z',
      },
      {
        service: 'component:default/bedroom',
        environment: 'production',
        buildTime: Date.parse('2026-09-30T23:00:00Z'),
        deployTime: Date.parse('2026-10-01T12:00:00Z'),
        standardChange: false,
        releaseId: null,
        changeRequestId: null,
      },
    ],
    [
      'incidents',
      {
        ...keyed,
        services: ['bedroom', 'component:default/bedroom', 'living-room'],
        startedAt: '2026-10-01T00:00:00Z',
        restoredAt: null,
      },
      {
        services: [
          'component:default/bedroom',
          'component:default/living-room',
        ],
        acknowledgedAt: null,
        restoredAt: null,
        financialLoss: null,
      },
    ],
    [
      'review-reads',
      {
        source: 'analytics',
        reviewExternalId: 'rv1',
        person: 'Alice',
        readAt: '2026-10-01T00:00:00Z',
      },
      { reviewSource: 'analytics', person: 'user:default/alice' },
    ],
    [
      'review-reads',
      {
        source: 'analytics',
        reviewSource: 'wiki',
        reviewExternalId: 'rv1',
        person: 'Alice@Example.com',
        readAt: '2026-10-01T00:00:00Z',
      },
      { reviewSource: 'wiki', person: 'alice@example.com' },
    ],
    [
      'chaos-days',
      { ...keyed, service: 'bedroom', date: '2026-10-07' },
      { day: '2026-10-07', heldAt: Date.parse('2026-10-07T00:00:00Z') },
    ],
    [
      'rework',
      // A Sunday belongs to the ISO week that began the Monday before.
      { ...keyed, team: 'Bedroom-Team', week: '2026-10-11', hours: 4 },
      {
        team: 'group:default/bedroom-team',
        weekStart: Date.parse('2026-10-05T00:00:00Z'),
        teamHours: null,
        members: null,
      },
    ],
    [
      'rework',
      {
        ...keyed,
        team: 'bedroom-team',
        week: '2026-10-05',
        hours: 4,
        members: 5,
      },
      { weekStart: Date.parse('2026-10-05T00:00:00Z'), members: 5 },
    ],
  ])('reads and normalises a %s item', (kind, item, expected) => {
    const batch = readEventBatch(kind, { items: [item] });
    expect(batch.kind).toBe(kind);
    expect(batch.records[0]).toMatchObject(expected);
  });

  it.each<[EventKind, object, string]>([
    [
      'availability',
      {
        ...keyed,
        service: 'bedroom',
        start: '2026-10-01T01:00:00Z',
        end: '2026-10-01T00:00:00Z',
        good: 1,
        total: 1,
      },
      'items[0].end: must be after start',
    ],
    [
      'availability',
      {
        ...keyed,
        service: 'bedroom',
        start: '2026-10-01T00:00:00Z',
        end: '2026-10-01T01:00:00Z',
        good: 2,
        total: 1,
      },
      'items[0].good: must not be more than total',
    ],
    [
      'availability',
      {
        ...keyed,
        service: 'bedroom',
        start: '2026-10-01T00:00:00Z',
        end: '2026-10-01T01:00:00Z',
        good: 1.5,
        total: 2,
      },
      'items[0].good: expected a whole number',
    ],
    [
      'incidents',
      { ...keyed, services: [], startedAt: '2026-10-01T00:00:00Z' },
      'items[0].services: expected at least one',
    ],
    [
      'incidents',
      {
        ...keyed,
        services: ['bedroom'],
        startedAt: '2026-10-01T00:00:00Z',
        restoredAt: '2026-09-30T00:00:00Z',
      },
      'items[0].restoredAt: must not be before startedAt',
    ],
    [
      'incidents',
      {
        ...keyed,
        services: ['bedroom', 'group:default/x'],
        startedAt: '2026-10-01T00:00:00Z',
      },
      'items[0].services[1]: expected a component entity ref',
    ],
    [
      'incidents',
      {
        ...keyed,
        services: ['bedroom'],
        startedAt: '2026-10-01',
        financialLoss: -1,
      },
      'items[0].startedAt: expected an ISO 8601 instant',
    ],
    [
      'actions',
      {
        ...keyed,
        service: 'bedroom',
        definedAt: '2026-10-02T00:00:00Z',
        completedAt: '2026-10-01T00:00:00Z',
      },
      'items[0].completedAt: must not be before definedAt',
    ],
    [
      'chaos-days',
      { ...keyed, service: 'bedroom', date: '2026-02-30' },
      'items[0].date: expected a day such as 2026-11-24',
    ],
    [
      'rework',
      {
        ...keyed,
        team: 'component:default/bedroom',
        week: '2026-10-05',
        hours: 1,
      },
      'items[0].team: expected a group entity ref',
    ],
    [
      'rework',
      {
        ...keyed,
        team: 'bedroom-team',
        week: '2026-10-05',
        hours: 1,
        teamHours: 0,
      },
      'items[0].teamHours: must be more than 0',
    ],
    [
      'reviews',
      {
        ...keyed,
        services: ['bedroom'],
        publishedAt: '2026-10-01T00:00:00Z',
        source: '',
      },
      'items[0].source: must not be empty',
    ],
  ])('refuses a bad %s item (%#)', (kind, item, message) => {
    expect(() => readEventBatch(kind, { items: [item] })).toThrow(InputError);
    expect(() => readEventBatch(kind, { items: [item] })).toThrow(message);
  });

  it.each([[null], [[]], [{ items: 'many' }], [{ items: [], extra: 1 }]])(
    'refuses the body %p',
    body => {
      expect(() => readEventBatch('deployments', body)).toThrow(
        /Invalid deployments batch: (body|items|"extra")/,
      );
    },
  );

  it('counts the other problems of the first bad item, and reads no further', () => {
    expect(() => readEventBatch('chaos-days', { items: [{}, {}] })).toThrow(
      /items\[0\]\.source: is required \(and 3 more problems\); nothing was written/,
    );
  });

  it('refuses a batch over the cap before reading any item', () => {
    const items = new Array(2_000_000).fill({});
    expect(() => readEventBatch('deployments', { items })).toThrow(
      'items: at most 10000 items in one batch, got 2000000',
    );
  });

  it.each([
    [
      'reviews',
      {
        ...keyed,
        services: ['bedroom'],
        publishedAt: '2026-10-01T00:00:00Z',
        // eslint-disable-next-line no-script-url -- a hostile link the store must refuse
        url: 'javascript:alert(1)',
      },
      'items[0].url: expected an http or https URL',
    ],
    [
      'incidents',
      {
        ...keyed,
        services: ['bedroom'],
        startedAt: '2026-10-01T00:00:00Z',
        reviewUrl: 'data:text/html,x',
      },
      'items[0].reviewUrl: expected an http or https URL',
    ],
    [
      'deployments',
      {
        ...keyed,
        source: 'ci\u0000',
        service: 'bedroom',
        environment: 'production',
        buildTime: '2026-10-01T00:00:00Z',
        deployTime: '2026-10-01T00:00:00Z',
      },
      'items[0].source: must not contain NUL characters',
    ],
    [
      'deployments',
      {
        ...keyed,
        service: 'bedroom',
        environment: 'production',
        buildTime: '2026-10-01T00:00:00+25:00',
        deployTime: '2026-10-01T00:00:00Z',
      },
      'items[0].buildTime: expected an ISO 8601 instant',
    ],
    [
      'availability',
      {
        ...keyed,
        service: `component:default/${'x'.repeat(300)}`,
        start: '2026-10-01T00:00:00Z',
        end: '2026-10-01T01:00:00Z',
        good: 1,
        total: 1,
      },
      'items[0].service: expected a component entity ref',
    ],
    [
      'chaos-days',
      { ...keyed, service: 'x'.repeat(250), date: '2026-10-01' },
      'items[0].service: expected a component entity ref',
    ],
    [
      'review-reads',
      {
        source: 'wiki',
        reviewExternalId: 'r1',
        person: 'x'.repeat(250),
        readAt: '2026-10-01T00:00:00Z',
      },
      'items[0].person: at most 255 characters',
    ],
    [
      'rework',
      {
        ...keyed,
        team: 'kitchen-team',
        week: '2026-04-23',
        hours: 1,
        members: Number.MAX_SAFE_INTEGER,
      },
      'items[0].members: at most 100000',
    ],
  ])('refuses a hostile %s item (%#)', (kind, item, message) => {
    expect(() => readEventBatch(kind as any, { items: [item] })).toThrow(
      message,
    );
  });

  it('lists the services and teams a batch names', () => {
    const incidents = readEventBatch('incidents', {
      items: [
        { ...keyed, services: ['a', 'b'], startedAt: '2026-10-01T00:00:00Z' },
      ],
    });
    expect(entitiesOf(incidents)).toEqual({
      services: new Set(['component:default/a', 'component:default/b']),
      teams: new Set(),
    });
    const rework = readEventBatch('rework', {
      items: [
        { ...keyed, team: 't', service: 's', week: '2026-10-05', hours: 1 },
      ],
    });
    expect(entitiesOf(rework)).toEqual({
      services: new Set(['component:default/s']),
      teams: new Set(['group:default/t']),
    });
  });
});

describe('the quick readers', () => {
  const text = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
    fc.constantFrom(' padded ', 'CHG-1', 'x'.repeat(255)),
  );
  const ref = fc.constantFrom(
    'bedroom',
    'Component:default/Bedroom',
    'component:other/kitchen',
    ' living-room ',
  );
  const time = fc.integer({ min: 0, max: 4_000_000_000_000 });
  const instant = (ms: number, style: number) => {
    const iso = new Date(ms).toISOString();
    return [iso, iso.replace('Z', '+00:00'), iso.toLowerCase()][style % 3];
  };
  const link = fc.constantFrom(
    'https://wiki.example/pir',
    ' http://x.example/a?b=c ',
  );
  /** Valid items of each kind, their instants in order. */
  const validItem = {
    deployments: fc
      .record({
        source: text,
        externalId: text,
        service: ref,
        environment: fc.constantFrom('production', 'Staging'),
        at: time,
        lead: fc.nat(10 ** 9),
        style: fc.nat(2),
        releaseId: fc.option(text),
        changeRequestId: fc.option(text, { nil: undefined }),
        standardChange: fc.option(fc.boolean(), { nil: undefined }),
        version: fc.option(text, { nil: undefined }),
      })
      .map(({ at, lead, style, ...rest }) => ({
        ...rest,
        buildTime: instant(at, style),
        deployTime: instant(at + lead, style + 1),
      })),
    incidents: fc
      .record({
        source: text,
        externalId: text,
        services: fc.array(ref, { minLength: 1, maxLength: 4 }),
        title: fc.option(text),
        at: time,
        ack: fc.option(fc.nat(10 ** 7), { nil: undefined }),
        restore: fc.option(fc.nat(10 ** 8)),
        financialLoss: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true })),
        severity: fc.option(text, { nil: undefined }),
        majorIncidentManager: fc.option(fc.boolean()),
        reviewUrl: fc.option(link),
        url: fc.option(link, { nil: undefined }),
      })
      .map(({ at, ack, restore, ...rest }) => ({
        ...rest,
        startedAt: instant(at, 0),
        ...(ack === undefined ? {} : { acknowledgedAt: instant(at + ack, 1) }),
        restoredAt: restore === null ? null : instant(at + restore, 2),
      })),
    availability: fc
      .record({
        source: text,
        externalId: text,
        service: ref,
        at: time,
        length: fc.integer({ min: 1, max: 10 ** 7 }),
        total: fc.oneof(fc.nat(10 ** 6), fc.constant(Number.MAX_SAFE_INTEGER)),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ at, length, total, share, ...rest }) => ({
        ...rest,
        start: instant(at, 0),
        end: instant(at + length, 1),
        good: Math.floor(total * share),
        total,
      })),
  };
  const hostile = fc.oneof(
    fc.constantFrom(
      null,
      undefined,
      '',
      ' ',
      'a\u0000b',
      'x'.repeat(300),
      '2026-02-30T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '2026-01-01T00:00:00+01:00',
      '1970-01-01T00:00:00+01:00',
      'group:default/team',
      // eslint-disable-next-line no-script-url -- a hostile link the readers must refuse
      'javascript:alert(1)',
      0,
      -0,
      -1,
      1.5,
      NaN,
      Infinity,
      Number.MAX_SAFE_INTEGER + 1,
      true,
      [],
      {},
      ['bedroom'],
      ['bedroom', 'a\u0000'],
    ),
    fc.string({ maxLength: 8 }),
    fc.anything({ maxDepth: 1 }),
  );
  const itemOf = (kind: keyof typeof validItem) =>
    fc
      .tuple(
        validItem[kind],
        // Now and then one field is changed, dropped or added.
        fc.option(
          fc.tuple(
            fc.constantFrom(
              'source',
              'externalId',
              'service',
              'services',
              'environment',
              'buildTime',
              'deployTime',
              'startedAt',
              'restoredAt',
              'acknowledgedAt',
              'financialLoss',
              'majorIncidentManager',
              'url',
              'start',
              'end',
              'good',
              'total',
              'standardChange',
              'extra',
            ),
            hostile,
          ),
        ),
      )
      .map(([item, change]) => {
        const changed: Record<string, unknown> = { ...item };
        if (change) {
          const [field, value] = change;
          if (value === undefined) delete changed[field];
          else changed[field] = value;
        }
        return changed;
      });

  it.each(['deployments', 'incidents', 'availability'] as const)(
    'read %s as zod does, or leave them to zod',
    kind => {
      let quick = 0;
      fc.assert(
        fc.property(itemOf(kind), item => {
          const read = quickReadItem(kind, item);
          const parsed = schemaReadItem(kind, item);
          if (read === undefined) return;
          quick++;
          expect(parsed.success).toBe(true);
          expect(read).toStrictEqual(parsed.data);
        }),
        { numRuns: 3000, seed: 11 },
      );
      // Most items are changed in a field; the quick readers take the valid rest.
      expect(quick).toBeGreaterThan(500);
    },
  );
});
