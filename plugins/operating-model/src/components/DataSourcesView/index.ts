export { DataSourcesView } from './DataSourcesView';
