import {
  OPERATING_MODEL_TITLES,
  OperatingModelName,
  TrafficLight,
} from '@operating-model/backstage-plugin-operating-model-common';
import { AssessedService } from '../../api';
import { capitalise } from './format';

/** How the UI writes a model name, or a dash when it is not known. */
export function modelTitle(model: OperatingModelName | null): string {
  return model ? OPERATING_MODEL_TITLES[model] : '—';
}

/** Who answers a callout out of hours, in words. */
export function describeOutOfHours(service: AssessedService): string {
  const level = service.onCall.outOfHours;
  const owner = service.titles.owner ?? 'the owning team';
  if (level === null) return 'unknown until the financial exposure can be read';
  if (service.operatingModel.recommended === 'ops-run-it') {
    return `${owner}'s own schedule (Ops Run It)`;
  }
  switch (level) {
    case 'team':
      return `${owner}'s own schedule`;
    case 'domain':
      return service.titles.domain
        ? `the ${service.titles.domain} domain schedule`
        : 'a domain schedule (no domain found for this service)';
    default:
      return 'nobody: callouts wait until the next working day';
  }
}

export const TRAFFIC_LIGHT_TEXT: Record<TrafficLight, string> = {
  green: 'Green: ready for You Build It You Run It',
  amber: 'Amber: look closer before moving it',
  red: 'Red: keep it under Ops Run It for now',
};

/** A deployment frequency name as a person writes it: `very-often` → `Very often`. */
export function frequencyTitle(name: string | null): string {
  if (!name) return '—';
  return capitalise(name.replace(/-/g, ' '));
}
