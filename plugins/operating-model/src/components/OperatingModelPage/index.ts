export {
  OperatingModelPage,
  OperatingModelSelectorContent,
} from './OperatingModelPage';
