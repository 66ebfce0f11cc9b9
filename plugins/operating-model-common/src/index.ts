/**
 * Types and domain rules of the operating-model plugins, shared by the
 * backend and the frontend so that both reach the same answers.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './assess';
export * from './availability';
export * from './config';
export * from './deployment';
export * from './model';
export * from './money';
export * from './types';
export * from './workingHours';
export * from './selector';
export * from './services';
export * from './permissions';
export * from './workingTime';
export * from './rota';
export * from './rotaProblems';
export * from './paging';
export * from './measures';
export * from './catalogInfo';
export * from './measureSeries';
export * from './apiTypes';
export * from './incidentLoss';
export * from './onCallCost';
export * from './pitfalls';
export * from './ownership';
export * from './directory';
export * from './annotationFixes';
export type {
  paths as OperatingModelApiPaths,
  components as OperatingModelApiComponents,
  operations as OperatingModelApiOperations,
} from './schema/openapi';
export * from './webAddress';
