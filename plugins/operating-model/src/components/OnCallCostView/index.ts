export { OnCallCostView } from './OnCallCostView';
