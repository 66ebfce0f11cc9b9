import { incidentEvent, severityOf } from './incidentEvent';
import { PagerDutyIncident } from './PagerDutyClient';

const incident = (
  fields: Partial<PagerDutyIncident> = {},
): PagerDutyIncident => ({
  id: 'PT4KHLK',
  title: 'The server is on fire.',
  status: 'resolved',
  urgency: 'high',
  created_at: '2026-11-01T10:00:00Z',
  resolved_at: '2026-11-01T11:00:00Z',
  last_status_change_at: '2026-11-01T11:00:00Z',
  service: { id: 'PIJ90N7', type: 'service_reference' },
  acknowledgements: [],
  ...fields,
});

describe('severityOf', () => {
  it.each([
    [{ urgency: 'high' }, 'high'],
    [
      {
        urgency: 'low',
        priority: { id: 'P', type: 'priority_reference', summary: 'P3' },
      },
      'P3 low',
    ],
    [
      {
        urgency: 'high',
        priority: { id: 'P', type: 'priority_reference', summary: 'P1' },
      },
      'P1 high',
    ],
    [{ urgency: null, priority: null }, null],
    [
      {
        urgency: undefined,
        priority: { id: 'P', type: 'priority_reference', summary: ' SEV-2 ' },
      },
      'SEV-2',
    ],
  ])('%j is %j', (fields, expected) => {
    expect(severityOf(incident(fields as Partial<PagerDutyIncident>))).toBe(
      expected,
    );
  });
});

describe('incidentEvent', () => {
  const services = ['component:default/bedroom'];

  it.each([
    [
      'a resolved incident, times from its log',
      incident(),
      {
        acknowledgedAt: '2026-11-01T10:04:00.000Z',
        resolvedAt: '2026-11-01T10:59:30.000Z',
      },
      {
        acknowledgedAt: '2026-11-01T10:04:00.000Z',
        restoredAt: '2026-11-01T10:59:30.000Z',
      },
    ],
    [
      'a resolved incident whose log has no resolution: resolved_at',
      incident(),
      {},
      { acknowledgedAt: null, restoredAt: '2026-11-01T11:00:00.000Z' },
    ],
    [
      'an acknowledged incident read without its log: its acknowledgements',
      incident({
        status: 'acknowledged',
        resolved_at: null,
        acknowledgements: [
          { at: '2026-11-01T10:09:00Z' },
          { at: '2026-11-01T10:07:00Z' },
        ],
      }),
      {},
      { acknowledgedAt: '2026-11-01T10:07:00.000Z', restoredAt: null },
    ],
    [
      'a triggered incident',
      incident({ status: 'triggered', resolved_at: null }),
      {},
      { acknowledgedAt: null, restoredAt: null },
    ],
    [
      'log times a little before creation: clamped to it',
      incident(),
      { acknowledgedAt: '2026-11-01T09:59:59.000Z' },
      { acknowledgedAt: '2026-11-01T10:00:00.000Z' },
    ],
  ])('maps %s', (_, input, times, expected) => {
    expect(incidentEvent(input, services, times)).toMatchObject({
      externalId: 'PT4KHLK',
      services,
      startedAt: '2026-11-01T10:00:00.000Z',
      ...expected,
    });
  });

  it('keeps the title to what the ingestion API takes, without NUL characters, and no URL', () => {
    const event = incidentEvent(
      incident({
        title: `  Disk\u0000 ${'x'.repeat(2000)}`,
        html_url: 'https://x.pagerduty.com/incidents/PT4KHLK',
      }),
      services,
    );
    expect(event.title).toHaveLength(1024);
    expect(event.title!.startsWith('Disk ')).toBe(true);
    expect(event).not.toHaveProperty('reviewUrl');
  });

  it('falls back to the summary when there is no title, and to null when there is neither', () => {
    expect(
      incidentEvent(incident({ title: null, summary: '[#1] Fire' }), services)
        .title,
    ).toBe('[#1] Fire');
    expect(
      incidentEvent(incident({ title: ' ', summary: null }), services).title,
    ).toBeNull();
  });
});
