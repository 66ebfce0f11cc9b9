import { OnCallResult } from '../../api';

/** A `GET /on-call` answer for the bedroom service, with overrides for the case at hand. */
export function onCallResult(
  overrides: Partial<OnCallResult> = {},
): OnCallResult {
  return {
    entityRef: 'component:default/bedroom',
    at: '2026-11-04T12:00:00.000Z',
    period: 'working-hours',
    schedule: 'team',
    person: 'user:default/alice',
    shiftEnd: '2026-11-09T09:00:00.000Z',
    periodEnd: '2026-11-04T17:30:00.000Z',
    next: null,
    rotas: {
      team: 'group:default/bedroom-team',
      domain: 'domain:default/furnishing',
    },
    workingHours: {
      timezone: 'Europe/London',
      days: 'Mon-Fri',
      start: '09:00',
      end: '17:30',
    },
    ...overrides,
  };
}
