import { getEventListeners } from 'node:events';
import { PagerDutyStandIn } from './__testUtils__/pagerDutyStandIn';
import { PagerDutyClient } from './PagerDutyClient';

describe('PagerDutyClient', () => {
  let standIn: PagerDutyStandIn;
  let client: PagerDutyClient;

  beforeEach(async () => {
    standIn = await PagerDutyStandIn.start();
    standIn.addService('PBED001');
    client = new PagerDutyClient({
      baseUrl: standIn.url,
      token: standIn.token,
      retryDelayMs: 5,
    });
  });

  afterEach(() => standIn.stop());

  it('tries a 5xx again with a bounded number of attempts', async () => {
    standIn.inject({ status: 502, times: 3 });
    await expect(
      client.serviceExists('PBED001', new AbortController().signal),
    ).resolves.toBe(true);
    expect(standIn.requests.map(r => r.status)).toEqual([502, 502, 502, 200]);

    standIn.inject({ status: 500, times: 10 });
    await expect(
      client.serviceExists('PBED001', new AbortController().signal),
    ).rejects.toThrow(
      'PagerDuty answered 500 to GET /services/PBED001 4 times: Internal Server Error, code 2000',
    );
    expect(client.requests).toBe(8);
  });

  it("leaves no listener on the run's signal once its requests are answered", async () => {
    const signal = new AbortController().signal;
    for (let i = 0; i < 30; i++) {
      await client.serviceExists(i % 2 ? 'PBED001' : 'PNONE01', signal);
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('stops waiting for a rate limit to reset as soon as the run is aborted', async () => {
    standIn.inject({ status: 429, resetSeconds: 30 });
    const controller = new AbortController();
    const began = Date.now();
    const read = client.serviceExists('PBED001', controller.signal);
    setTimeout(() => controller.abort(new Error('The run timed out')), 50);
    await expect(read).rejects.toThrow('The run timed out');
    expect(Date.now() - began).toBeLessThan(5000);
  });

  it('reads the first acknowledgement and the resolution from every page of the log', async () => {
    const id = standIn.addIncident({
      serviceId: 'PBED001',
      title: 'Flapping',
      createdAt: '2026-11-01T10:00:00Z',
      acknowledgedAt: Array.from({ length: 150 }, (_, i) =>
        new Date(Date.parse('2026-11-01T10:05:00Z') + i * 1000).toISOString(),
      ),
      resolvedAt: '2026-11-01T12:00:00Z',
    });
    await expect(
      client.incidentTimes(id, new AbortController().signal),
    ).resolves.toEqual({
      acknowledgedAt: '2026-11-01T10:05:00.000Z',
      resolvedAt: '2026-11-01T12:00:00.000Z',
    });
    expect(standIn.count(`/incidents/${id}/log_entries`)).toBe(2);
  });
});
