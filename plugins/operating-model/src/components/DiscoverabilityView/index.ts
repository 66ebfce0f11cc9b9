export { DiscoverabilityView } from './DiscoverabilityView';
export { DirectoryPage } from './DirectoryPage';
