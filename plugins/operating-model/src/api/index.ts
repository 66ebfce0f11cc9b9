export { operatingModelApiRef } from './OperatingModelApi';
export type { AssessedService, OperatingModelApi } from './OperatingModelApi';
export { OperatingModelClient } from './OperatingModelClient';
