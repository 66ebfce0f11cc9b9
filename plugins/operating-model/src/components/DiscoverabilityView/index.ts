export { DiscoverabilityView, DirectoryBrowser } from './DiscoverabilityView';
export { DirectoryPage } from './DirectoryPage';
