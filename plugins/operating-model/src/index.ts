/**
 * The operating-model frontend plugin. The default export is the plugin for the new frontend
 * system; the named exports are the same features for apps on the legacy system (the plugin, its
 * entity cards, entity tabs and page), the conditions that say where they apply, the API client,
 * the translation ref and the views a custom page can use.
 *
 * @packageDocumentation
 */
export { operatingModelFrontendPlugin as default } from './plugin';
export {
  operatingModelPlugin,
  EntityOperatingModelCard,
  OperatingModelPage,
  EntityOnCallCard,
  EntityRotaContent,
  EntityMeasuresContent,
} from './legacyPlugin';
export {
  isOperatingModelAvailable,
  isOnCallRotaAvailable,
  isMeasuresAvailable,
} from './conditions';
export { operatingModelApiRef, OperatingModelClient } from './api';
export type {
  AssessedService,
  EventSourceDuration,
  EventSourceKind,
  EventSourceSchedule,
  EventSourceStatus,
  OperatingModelApi,
  MeasuresWindow,
  OverrideRequest,
  ReviewReadResult,
} from './api';
export { operatingModelRouteRef } from './routes';
export { operatingModelTranslationRef } from './translation';
export { OnboardingForm } from './components/OnboardingForm';
export type { OnboardingFormProps } from './components/OnboardingForm';
export { IncidentLossCalculator } from './components/IncidentLossCalculator';
export { OnCallCostView } from './components/OnCallCostView';
export { OnCallLoadView } from './components/OnCallLoadView';
export { PitfallsView } from './components/PitfallsView';
export { DiscoverabilityView } from './components/DiscoverabilityView';
