import type {
  AssessedService,
  CalendarLink,
  DirectoryFacets,
  DirectoryService,
  DirectoryServicesPage,
  EntityMeasures,
  IncidentLossAnswer,
  IncidentLossRequest,
  LeadersMeasures,
  MeasureSeries,
  OnCallCostReport,
  OnCallLoadReport,
  OnCallResult,
  OperatingModelApiOperations as Operations,
  Override,
  PitfallsAnswer,
  RotaSchedule,
} from '@operating-model/backstage-plugin-operating-model-common';
import type {
  EventSourceStatus,
  OverrideRequest,
  ReviewReadResult,
} from './OperatingModelApi';

/**
 * The client's types checked against the OpenAPI document (`openapi.yaml` in the backend
 * package, turned into `Operations` in the common package by `yarn generate:api-types`): what
 * the client reads from each answer and sends in each body must be what the document says the
 * backend serves and takes. A field renamed, retyped or made optional on one side and not the
 * other fails the type check.
 */

/**
 * Where the document describes an object only as an object, openapi-typescript gives
 * `Record<string, unknown>`, which no interface is assignable to; read it as any object.
 */
type Loosen<T> = T extends readonly (infer E)[]
  ? Loosen<E>[]
  : T extends object
  ? string extends keyof T
    ? object
    : { [K in keyof T]: Loosen<T[K]> }
  : T;
type Json<T> = T extends { content: { 'application/json': infer B } }
  ? Loosen<B>
  : never;
type Answer<O extends keyof Operations> =
  Operations[O]['responses'] extends infer R
    ? R extends { 200: infer A }
      ? Json<A>
      : R extends { 201: infer A }
      ? Json<A>
      : never
    : never;
type Body<O extends keyof Operations> = Operations[O] extends {
  requestBody: infer B;
}
  ? Json<NonNullable<B>>
  : never;

/** True when every value the client's type allows is one the document allows. */
type Conforms<Client, Document> = [Client] extends [Document] ? true : false;
type Assert<T extends true> = T;
type Not<T extends boolean> = T extends true ? false : true;

/** One entry per operation the client calls; `Assert` fails to compile on a mismatch. */
export type ContractChecks = [
  Assert<
    Conforms<{ at: string; items: AssessedService[] }, Answer<'listServices'>>
  >,
  Assert<Conforms<AssessedService, Answer<'getService'>>>,
  Assert<Conforms<OnCallResult, Answer<'getOnCall'>>>,
  Assert<Conforms<RotaSchedule, Answer<'getSchedule'>>>,
  Assert<Conforms<OverrideRequest, Body<'addOverride'>>>,
  Assert<Conforms<Override, Answer<'addOverride'>>>,
  Assert<Conforms<CalendarLink, Answer<'getScheduleCalendarLink'>>>,
  Assert<Conforms<CalendarLink, Answer<'getPersonCalendarLink'>>>,
  Assert<Conforms<CalendarLink, Answer<'resetPersonCalendarLink'>>>,
  Assert<Conforms<DirectoryServicesPage, Answer<'queryDirectory'>>>,
  Assert<Conforms<DirectoryFacets, Answer<'getDirectoryFacets'>>>,
  Assert<Conforms<DirectoryService, Answer<'getDirectoryService'>>>,
  Assert<Conforms<EntityMeasures, Answer<'getMeasures'>>>,
  Assert<Conforms<MeasureSeries, Answer<'getMeasureSeries'>>>,
  Assert<Conforms<LeadersMeasures, Answer<'getLeaders'>>>,
  Assert<Conforms<ReviewReadResult, Answer<'readReview'>>>,
  Assert<Conforms<IncidentLossRequest, Body<'getIncidentLoss'>>>,
  Assert<Conforms<IncidentLossAnswer, Answer<'getIncidentLoss'>>>,
  Assert<Conforms<OnCallCostReport, Answer<'getOnCallCosts'>>>,
  Assert<Conforms<OnCallLoadReport, Answer<'getOnCallLoad'>>>,
  Assert<Conforms<PitfallsAnswer, Answer<'getPitfalls'>>>,
  Assert<Conforms<{ items: EventSourceStatus[] }, Answer<'getEventSources'>>>,
  // The check can fail: a required field missing, or one of another type, does not conform.
  Assert<
    Not<Conforms<Omit<AssessedService, 'entityRef'>, Answer<'getService'>>>
  >,
  Assert<
    Not<
      Conforms<
        Omit<OnCallResult, 'period'> & { period: 'weekend' },
        Answer<'getOnCall'>
      >
    >
  >,
];
