export { OnCallLoadView } from './OnCallLoadView';
