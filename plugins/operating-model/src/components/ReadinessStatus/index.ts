export { ReadinessStatus } from './ReadinessStatus';
