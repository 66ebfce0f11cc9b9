export { IncidentLossCalculator } from './IncidentLossCalculator';
export { IncidentLossSection } from './IncidentLossSection';
