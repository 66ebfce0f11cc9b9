import { AssessedService } from '../api';

/** An assessment as the backend returns it, with overrides for the case at hand. */
export function assessedService(
  overrides: Partial<AssessedService> = {},
): AssessedService {
  return {
    entityRef: 'component:default/bedroom',
    serviceClass: 'digital-service',
    owner: 'group:default/bedroom-team',
    system: 'system:default/room-shops',
    domain: 'domain:default/furnishing',
    financialExposurePerHour: 200000,
    peakFinancialExposurePerHour: null,
    featureDemand: 'very-high',
    availabilityTarget: 99.0,
    tolerableUnavailabilitySecondsPerWeek: 6048,
    deploymentTarget: 'daily',
    operatingModel: {
      recommended: 'you-build-it-you-run-it',
      declared: null,
      trafficLight: 'green',
      leaning: null,
    },
    onCall: { workingHours: 'team', outOfHours: 'domain' },
    peak: {
      event: {
        name: 'Black Friday',
        start: '2026-11-26T00:00:00Z',
        end: '2026-12-01T00:00:00Z',
      },
      active: false,
    },
    practices: {
      preApprovedChanges: true,
      failureDesign: 'yes',
      serviceTelemetry: 'yes',
    },
    links: {
      runbook: 'https://wiki.example/runbooks/bedroom',
      incidentChannel: 'https://chat.example/inc-bedroom',
    },
    problems: [],
    warnings: [],
    at: '2026-11-02T12:00:00.000Z',
    titles: {
      service: 'Bedroom shop',
      owner: 'Bedroom team',
      domain: 'Furnishing',
      system: 'Room shops',
    },
    ...overrides,
  } as AssessedService;
}
