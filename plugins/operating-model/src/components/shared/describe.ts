import {
  OPERATING_MODEL_TITLES,
  OperatingModelName,
  TrafficLight,
} from '@operating-model/backstage-plugin-operating-model-common';
import { AssessedService } from '../../api';
import { OperatingModelTranslation } from '../../translation';
import { capitalise } from './format';

/** How the UI writes a model name, or a dash when it is not known. */
export function modelTitle(model: OperatingModelName | null): string {
  return model ? OPERATING_MODEL_TITLES[model] : '—';
}

/** Who answers a callout out of hours, in words. */
export function describeOutOfHours(
  service: AssessedService,
  t: OperatingModelTranslation,
): string {
  const level = service.onCall.outOfHours;
  const owner = service.titles.owner ?? t('outOfHours.owningTeam');
  if (level === null) return t('outOfHours.unknown');
  if (service.operatingModel.recommended === 'ops-run-it') {
    return t('outOfHours.opsRunIt', { owner });
  }
  switch (level) {
    case 'team':
      return t('outOfHours.team', { owner });
    case 'domain':
      return service.titles.domain
        ? t('outOfHours.domain', { domain: service.titles.domain })
        : t('outOfHours.noDomain');
    default:
      return t('outOfHours.none');
  }
}

/** What a readiness traffic light means, in words. */
export function trafficLightText(
  light: TrafficLight,
  t: OperatingModelTranslation,
): string {
  return t(`trafficLight.${light}`);
}

/** A deployment frequency name as a person writes it: `very-often` → `Very often`. */
export function frequencyTitle(name: string | null): string {
  if (!name) return '—';
  return capitalise(name.replace(/-/g, ' '));
}
