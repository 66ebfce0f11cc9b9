export { OperatingModelSelectorChart } from './OperatingModelSelectorChart';
