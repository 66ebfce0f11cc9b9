export { operatingModelApiRef } from './OperatingModelApi';
export type {
  AssessedService,
  IncidentLossAnswer,
  IncidentLossRequest,
  OnCallCostReport,
  PitfallsAnswer,
  EntityMeasures,
  EventSourceDuration,
  EventSourceKind,
  EventSourceSchedule,
  EventSourceStatus,
  LeadersMeasures,
  MeasureSeries,
  MeasuresWindow,
  ReviewReadResult,
  OnCallResult,
  OperatingModelApi,
  OverrideRequest,
  RotaSchedule,
} from './OperatingModelApi';
export { OperatingModelClient } from './OperatingModelClient';
