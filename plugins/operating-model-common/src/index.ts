/**
 * Types and domain rules of the operating-model plugins, shared by the
 * backend and the frontend so that both reach the same answers.
 *
 * @packageDocumentation
 */

export {
  ANNOTATION_BUDGET_HOLDER,
  ANNOTATION_DOMAIN,
  ANNOTATION_PROMETHEUS_GOOD,
  ANNOTATION_PROMETHEUS_TOTAL,
  ANNOTATION_FAILURE_DESIGN,
  ANNOTATION_FEATURE_DEMAND,
  ANNOTATION_FINANCIAL_EXPOSURE,
  ANNOTATION_HANDOFF,
  ANNOTATION_ON_CALL,
  ANNOTATION_ON_CALL_BUDGET_HOLDER,
  ANNOTATION_OPERATING_MODEL,
  ANNOTATION_PEAK_FINANCIAL_EXPOSURE,
  ANNOTATION_PRE_APPROVED_CHANGES,
  ANNOTATION_PREFIX,
  ANNOTATION_ROTATION,
  ANNOTATION_SERVICE_CLASS,
  ANNOTATION_SERVICE_TELEMETRY,
  ANNOTATION_TIMEZONE,
  ANNOTATION_WORKING_HOURS,
  COMPONENT_ANNOTATIONS,
  LINK_TYPE_ALERTS,
  LINK_TYPE_DASHBOARD,
  LINK_TYPE_INCIDENT_CHANNEL,
  LINK_TYPE_RUNBOOK,
} from './annotations';
export { annotationProblems, assessService } from './assess';
export {
  availabilityBandFor,
  availabilityTargetFor,
  formatAvailability,
  formatDuration,
  nextPeakEvent,
  peakEventAt,
  tolerableUnavailabilitySecondsPerWeek,
} from './availability';
export {
  readOperatingModelConfig,
  readOperatingModelConfigFromObject,
} from './config';
export type {
  AvailabilityBand,
  OnCallConfig,
  OperatingModelConfig,
  RemunerationModel,
  WorkingHoursConfig,
} from './config';
export {
  DEFAULT_DEPLOYMENT_FREQUENCIES,
  deploymentsPer30Days,
  deploymentTargetFor,
  frequenciesSlowestFirst,
  normaliseFeatureDemand,
} from './deployment';
export {
  lowExposureLowDemandWarning,
  onCallLevelFor,
  OPERATING_MODEL_TITLES,
  recommendedOperatingModel,
  trafficLightFor,
  trafficLightReason,
} from './model';
export { formatMoney, parseMoney } from './money';
export type { MoneyParseResult } from './money';
export type {
  AssessmentProblem,
  AssessmentWarning,
  OperatingModelName,
  OutOfHoursLevel,
  PeakEventWindow,
  PracticeAnswer,
  ServiceAssessment,
  ServiceClass,
  ServiceFacts,
  TrafficLight,
} from './types';
export {
  parseHandoff,
  parseRotation,
  parseTimeOfDay,
  parseWeekdays,
  parseWorkingHours,
  WEEKDAY_NAMES,
} from './workingHours';
export type { Handoff, RotationLength, WorkingHoursSpan } from './workingHours';
export { selectorRegionModel } from './selector';
export { rankServiceMatches } from './serviceMatches';
export { OPERATING_MODEL_SERVICE_DOCUMENT_TYPE } from './search';
export type {
  PickableService,
  ServiceMatch,
  ServiceMatchReason,
} from './serviceMatches';
export { isOperatingModelService } from './services';
export type { EntityLike } from './services';
export {
  calendarLinkForOthersPermission,
  onCallLoadReadPermission,
  eventsWritePermission,
  operatingModelPermissions,
  overrideCreatePermission,
  overrideDeletePermission,
  RESOURCE_TYPE_OPERATING_MODEL_ROTA,
} from './permissions';
export {
  isWorkingTime,
  nextWorkingTimeStart,
  teamRotaSettings,
  teamWorkingHours,
  workingTimeWithin,
} from './workingTime';
export { onCallLoad } from './onCallLoad';
export type {
  OnCallLoadIncident,
  OnCallLoadPerson,
  OnCallLoadReport,
  OnCallLoadRota,
  OnCallLoadRotaRow,
} from './onCallLoad';
export type { RotaSettings } from './workingTime';
export {
  applyOverrides,
  handoffsBetween,
  interleaveByTeam,
  rotaShifts,
  shiftAt,
  shiftsToRecord,
} from './rota';
export type { Override, RecordedShift, Shift } from './rota';
export { fairShareHours, rotaProblems } from './rotaProblems';
export type { RotaProblem } from './rotaProblems';
export { whoIsPaged } from './paging';
export type { OnCallAnswer } from './paging';
export { escalationContactOf, escalationPath } from './escalation';
export type {
  EscalationParty,
  EscalationPath,
  EscalationPathInput,
  EscalationStep,
  EscalationStepKind,
} from './escalation';
export {
  describeOnCall,
  directoryOnCallWordsInput,
  formatOnCallTime,
  rotaName,
  rotaPagesWhen,
} from './onCallWords';
export type {
  OnCallWords,
  OnCallWordsInput,
  OnCallWordsOptions,
  OnCallWordsRole,
} from './onCallWords';
export {
  apportionLoss,
  availabilityFigure,
  chaosDaysFigure,
  deploymentFrequency,
  deploymentsInLockstep,
  distributionFigure,
  exposurePerHourInForce,
  financialLossProtection,
  improvementActionIntervalDays,
  improvementActionLeadTimeDays,
  incidentLossProtection,
  inWindow,
  looseCoupling,
  median,
  medianFigure,
  percentile,
  preApprovedChanges,
  ratioFigure,
  reworkRate,
  STANDARD_HOURS_PER_PERSON_WEEK,
  timeToAcknowledgeMinutes,
  timeToRestoreMinutes,
  windowDays,
} from './measures';
export type {
  AvailabilityFigure,
  ChaosDaysFigure,
  DeploymentCoupling,
  DeploymentFrequencyFigure,
  DistributionFigure,
  EntityMeasures,
  FinancialLossProtectionFigure,
  IncidentLossInput,
  IncidentTimes,
  LeadersMeasures,
  MeasureFigures,
  MedianFigure,
  RatioFigure,
  ReviewReadersFigure,
  ReworkInput,
  ReworkRateFigure,
  ServiceTargetStatus,
  TargetTally,
} from './measures';
export {
  assessOnboarding,
  catalogInfoFor,
  catalogInfoYaml,
  onboardingFacts,
  validateOnboardingAnswers,
} from './catalogInfo';
export type { OnboardingAnswers, OnboardingProblem } from './catalogInfo';
export type {
  AvailabilityOnDay,
  DeploymentsInWeek,
  ErrorBudget,
  IncidentInSeries,
  LeadTimeOfDeployment,
  MeasureSeries,
  ReviewKey,
  SeriesTarget,
} from './measureSeries';
export type {
  AssessedService,
  CalendarLink,
  OnCallResult,
  RotaSchedule,
} from './apiTypes';
export {
  INCIDENT_RESPONSE_TEXT,
  incidentLossCategory,
  JOURNEY_IMPACTS,
  lossAfterMinutes,
} from './incidentLoss';
export type {
  IncidentCategory,
  IncidentLossAnswer,
  IncidentLossCategorisation,
  IncidentLossFacts,
  IncidentLossRequest,
  IncidentResponse,
  JourneyImpact,
} from './incidentLoss';
export {
  BUDGET_HOLDER_TITLES,
  BUDGET_HOLDERS,
  calloutCost,
  domainFunding,
  groupRefOf,
  linearRunCostWhatIf,
  onCallCosts,
  outOfHoursLevels,
  outOfHoursRotas,
  readDefaultBudgetHolder,
  standbyCost,
  teamFunding,
  weeksBetween,
} from './onCallCost';
export type {
  BudgetHolder,
  CostEntityFacts,
  CostIncident,
  CostServiceFacts,
  LinearRunCostWhatIf,
  OnCallCostReport,
  OnCallCostRow,
  OnCallFunding,
  OutOfHoursRotas,
  OutOfHoursServiceFacts,
} from './onCallCost';
export {
  bandsReviewDue,
  DEFAULT_MIN_INCIDENTS_FOR_INFLATION,
  DEFAULT_REWORK_THRESHOLD,
  DEFAULT_TOP_BAND_SHARE,
  detectBandsNotReviewed,
  detectChangeManagementTreacle,
  detectExcessiveBau,
  detectLimitedOnCallSchedule,
  detectLinearRunCost,
  detectLossesAboveExposure,
  detectResponsibleButUnaccountable,
  detectSharedDatabases,
  lossReflections,
  recordedLossRates,
} from './pitfalls';
export type {
  AccountabilityServiceFacts,
  ChangeFacts,
  LossIncident,
  LossReflection,
  PitfallCode,
  PitfallFinding,
  PitfallReport,
  PitfallsAnswer,
  QuarterlyReflection,
  RotaSizeFacts,
  RunCostServiceFacts,
} from './pitfalls';
export {
  ownerFindings,
  ownershipFindings,
  ownershipFindingsSteps,
  sharedDatabaseFindings,
  sharedDatabases,
  sharedDatabasesByComponent,
} from './ownership';
export type {
  ComponentDependencies,
  OwnerDirectory,
  OwnershipFinding,
  OwnershipFindingCode,
  OwnershipFindingsInput,
  ResourceUse,
  SharedDatabase,
} from './ownership';
export { modelInForce } from './directory';
export type {
  Directory,
  DirectoryChoice,
  DirectoryDomain,
  DirectoryFacets,
  DirectoryQuery,
  DirectoryServicesPage,
  DirectoryMeasures,
  DirectoryOnCall,
  DirectoryPerson,
  DirectoryService,
  DirectoryTeam,
  TargetStatus,
} from './directory';
export {
  NO_DIRECTORY_FILTERS,
  buildDirectoryIndex,
  compareByTitle,
  directoryIndexSteps,
  filterDirectoryServices,
  groupDirectoryServices,
  onCallSearchText,
  selectDirectoryItems,
  selectDirectoryItemsSteps,
  serviceHasProblems,
  serviceSearchText,
  teamSearchText,
} from './directorySearch';
export type {
  DirectoryFilters,
  DirectoryGroupBy,
  DirectoryIndex,
  DirectoryItem,
  DirectoryModelFilter,
  DirectoryOutOfHoursFilter,
} from './directorySearch';
export { annotationFixFor } from './annotationFixes';
export type { AnnotationFix, AnnotationFixConfig } from './annotationFixes';
export type {
  paths as OperatingModelApiPaths,
  components as OperatingModelApiComponents,
  operations as OperatingModelApiOperations,
} from './schema/openapi';
export { webAddress } from './webAddress';
export {
  changeFailure,
  DORA_CLUSTERS,
  DORA_REPORT_YEAR,
  doraLevels,
} from './dora';
export type { EventSources } from './measures';
export type {
  DeploymentTime,
  DoraLevel,
  DoraLevels,
  ServiceIncidentTimes,
} from './dora';
