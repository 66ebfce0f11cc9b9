export { PagedNow, PagedAnswer, describeOutOfHoursLevel } from './PagedNow';
export type { PagedNowProps } from './PagedNow';
