/**
 * The operating-model frontend plugin: the entity card, the `/operating-model` page and the
 * API client. For the new frontend system, import the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  operatingModelPlugin,
  EntityOperatingModelCard,
  OperatingModelPage,
  EntityOnCallCard,
  EntityRotaContent,
  EntityMeasuresContent,
} from './plugin';
export {
  isOperatingModelAvailable,
  isOnCallRotaAvailable,
  isMeasuresAvailable,
} from './conditions';
export { operatingModelApiRef, OperatingModelClient } from './api';
export type { AssessedService, OperatingModelApi } from './api';
export { rootRouteRef as operatingModelRouteRef } from './routes';
export { OnboardingForm } from './components/OnboardingForm';
export type { OnboardingFormProps } from './components/OnboardingForm';
export { IncidentLossCalculator } from './components/IncidentLossCalculator';
export { OnCallCostView } from './components/OnCallCostView';
export { PitfallsView } from './components/PitfallsView';
export { DiscoverabilityView } from './components/DiscoverabilityView';
