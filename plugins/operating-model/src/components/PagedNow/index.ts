export { PagedNow, describeOutOfHoursLevel } from './PagedNow';
export type { PagedNowProps } from './PagedNow';
export {
  OnCallResultLine,
  OnCallWordsLine,
  useOnCallResultWords,
} from './OnCallWordsLine';
export type { OnCallWordsLinks } from './OnCallWordsLine';
