export {
  EntityOperatingModelCard,
  OperatingModelSummary,
} from './EntityOperatingModelCard';
