export { operatingModelApiRef } from './OperatingModelApi';
export type {
  AssessedService,
  OnCallResult,
  OperatingModelApi,
  OverrideRequest,
  RotaSchedule,
} from './OperatingModelApi';
export { OperatingModelClient } from './OperatingModelClient';
