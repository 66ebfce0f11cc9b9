export { LeadersView } from './LeadersView';
export { leadersCsv, leadersColumns, sortRows, toCsv } from './leadersTable';
