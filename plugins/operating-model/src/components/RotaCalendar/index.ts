export { RotaCalendar } from './RotaCalendar';
export type { RotaCalendarProps } from './RotaCalendar';
