export { OwnershipWarnings } from './OwnershipWarnings';
