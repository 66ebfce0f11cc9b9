import { PagerDutyStandIn } from './pagerDutyStandIn';

const HEADERS = {
  Accept: 'application/vnd.pagerduty+json;version=2',
  Authorization: 'Token token=stand-in-token',
};

describe('the PagerDuty stand-in', () => {
  let standIn: PagerDutyStandIn;
  const get = async (
    path: string,
    headers: Record<string, string> = HEADERS,
  ) => {
    const response = await fetch(`${standIn.url}${path}`, { headers });
    return {
      status: response.status,
      headers: response.headers,
      body: await response.json(),
    };
  };

  beforeEach(async () => {
    standIn = await PagerDutyStandIn.start({
      now: () => Date.parse('2026-11-03T00:00:00Z'),
    });
    standIn.addService('PBED001', 'Bedroom shop');
    standIn.addService('PSOF001', 'Sofa shop');
    standIn.addIncident({
      id: 'QAAA',
      serviceId: 'PBED001',
      title: 'Checkout is down',
      createdAt: '2026-11-01T10:00:00Z',
      priority: 'P1',
      acknowledgedAt: ['2026-11-01T10:04:00Z'],
      resolvedAt: '2026-11-01T11:00:00Z',
    });
    standIn.addIncident({
      id: 'QBBB',
      serviceId: 'PBED001',
      title: 'Slow search',
      createdAt: '2026-11-02T10:00:00Z',
      urgency: 'low',
      acknowledgedAt: ['2026-11-02T10:10:00Z'],
    });
    standIn.addIncident({
      id: 'QCCC',
      serviceId: 'PSOF001',
      title: 'Sofa images missing',
      createdAt: '2026-11-02T12:00:00Z',
    });
  });

  afterEach(() => standIn.stop());

  it.each([
    ['no Authorization header', { Accept: HEADERS.Accept }],
    ['a wrong token', { ...HEADERS, Authorization: 'Token token=guess' }],
  ])('answers 401 with PagerDuty error body to %s', async (_, headers) => {
    const { status, body } = await get('/incidents', headers);
    expect(status).toBe(401);
    expect(body).toEqual({
      error: { message: 'Authentication Failed', code: 2006 },
    });
  });

  it('refuses a request that does not ask for version 2 of the API', async () => {
    const { status } = await get('/incidents', {
      Authorization: HEADERS.Authorization,
    });
    expect(status).toBe(406);
  });

  it('lists incidents created in the window, filtered by service, paged with limit, offset and more', async () => {
    const window =
      'since=2026-10-15T00:00:00Z&until=2026-11-03T00:00:00Z&time_zone=UTC';
    const first = await get(
      `/incidents?${window}&service_ids%5B%5D=PBED001&limit=1&sort_by=created_at:asc`,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      limit: 1,
      offset: 0,
      more: true,
      total: null,
    });
    expect(first.body.incidents).toHaveLength(1);
    expect(first.body.incidents[0]).toMatchObject({
      id: 'QAAA',
      type: 'incident',
      incident_number: 1,
      title: 'Checkout is down',
      status: 'resolved',
      urgency: 'high',
      priority: { summary: 'P1', type: 'priority_reference' },
      created_at: '2026-11-01T10:00:00Z',
      resolved_at: '2026-11-01T11:00:00Z',
      last_status_change_at: '2026-11-01T11:00:00Z',
      service: {
        id: 'PBED001',
        type: 'service_reference',
        summary: 'Bedroom shop',
      },
      // Emptied once the incident is resolved, as PagerDuty does.
      acknowledgements: [],
    });
    expect(first.body.incidents[0].html_url).toMatch(/\/incidents\/QAAA$/);

    const second = await get(
      `/incidents?${window}&service_ids%5B%5D=PBED001&limit=1&offset=1&total=true`,
    );
    expect(second.body).toMatchObject({
      limit: 1,
      offset: 1,
      more: false,
      total: 2,
    });
    expect(second.body.incidents[0]).toMatchObject({
      id: 'QBBB',
      status: 'acknowledged',
      priority: null,
      acknowledgements: [{ at: '2026-11-02T10:10:00Z' }],
    });

    const both = await get(
      `/incidents?${window}&service_ids%5B%5D=PBED001&service_ids%5B%5D=PSOF001&statuses%5B%5D=triggered`,
    );
    expect(both.body.incidents.map((i: { id: string }) => i.id)).toEqual([
      'QCCC',
    ]);
  });

  it('defaults to the last month and refuses a window over six months, as PagerDuty does', async () => {
    standIn.addIncident({
      serviceId: 'PSOF001',
      title: 'Old',
      createdAt: '2026-01-01T00:00:00Z',
    });
    const recent = await get('/incidents');
    expect(recent.body.incidents).toHaveLength(3);

    const tooLong = await get(
      '/incidents?since=2026-01-01T00:00:00Z&until=2026-07-02T00:00:00Z',
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({
      message: 'Invalid Input Provided',
      code: 2001,
    });

    const sixMonths = await get(
      '/incidents?since=2026-01-01T00:00:00Z&until=2026-07-01T00:00:00Z',
    );
    expect(sixMonths.status).toBe(200);
  });

  it('refuses to page past 10,000 records', async () => {
    const { status, body } = await get('/incidents?offset=9950&limit=100');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      message: 'Arguments Caused Error',
      code: 2002,
    });
  });

  it('serves an incident, its log entries newest first, and a service; 404 for what it does not have', async () => {
    const incident = await get('/incidents/QBBB');
    expect(incident.body.incident).toMatchObject({
      id: 'QBBB',
      status: 'acknowledged',
    });

    const log = await get('/incidents/QAAA/log_entries?limit=100');
    expect(log.body.more).toBe(false);
    expect(
      log.body.log_entries.map((e: { type: string; created_at: string }) => [
        e.type,
        e.created_at,
      ]),
    ).toEqual([
      ['resolve_log_entry', '2026-11-01T11:00:00Z'],
      ['acknowledge_log_entry', '2026-11-01T10:04:00Z'],
      ['notify_log_entry', '2026-11-01T10:00:01Z'],
      ['trigger_log_entry', '2026-11-01T10:00:00Z'],
    ]);

    expect((await get('/services/PBED001')).body.service).toMatchObject({
      id: 'PBED001',
      type: 'service',
      name: 'Bedroom shop',
    });
    const missing = await get('/services/PNOPE01');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: { message: 'Not Found', code: 2100 },
    });
    expect((await get('/incidents/QNOPE')).status).toBe(404);
  });

  it('changes as the test changes it: an incident resolved between syncs', async () => {
    standIn.resolve('QBBB', '2026-11-02T12:30:00Z');
    const { body } = await get('/incidents/QBBB');
    expect(body.incident).toMatchObject({
      status: 'resolved',
      resolved_at: '2026-11-02T12:30:00Z',
      acknowledgements: [],
    });
  });

  it('answers injected 429s with ratelimit-reset, and injected 5xxs, then serves again', async () => {
    standIn.inject({ status: 429, resetSeconds: 7 });
    standIn.inject({ status: 503, when: r => r.path.startsWith('/services/') });
    const limited = await get('/incidents');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-reset')).toBe('7');
    expect((await get('/services/PBED001')).status).toBe(503);
    expect((await get('/services/PBED001')).status).toBe(200);
    const served = await get('/incidents');
    expect(served.status).toBe(200);
    expect(served.headers.get('ratelimit-limit')).toBe('960');
    expect(standIn.count('/incidents')).toBe(2);
  });

  it('enforces a per-minute rate limit when given one', async () => {
    const limited = await PagerDutyStandIn.start({ requestsPerMinute: 1 });
    try {
      const headers = HEADERS;
      expect(
        (await fetch(`${limited.url}/incidents`, { headers })).status,
      ).toBe(200);
      const second = await fetch(`${limited.url}/incidents`, { headers });
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});
