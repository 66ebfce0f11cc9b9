import { trafficLightFor } from './model';
import { OperatingModelName } from './types';

const EXTREME_RELIABILITY = 99.99;

/**
 * The model the operating model selector shows for a region of the chart: a pair of
 * availability target and deployment target, whatever the service's class. Extreme
 * reliability is always You Build It You Run It (rule 5); otherwise the traffic light
 * decides (rule 6): green is You Build It You Run It, red is Ops Run It, and amber leans
 * by availability, or is null where the playbook leaves it open.
 *
 * @public
 */
export function selectorRegionModel(
  availability: number,
  deploymentTarget: string,
  frequencies: Record<string, number>,
): OperatingModelName | null {
  if (availability >= EXTREME_RELIABILITY) return 'you-build-it-you-run-it';
  const light = trafficLightFor(availability, deploymentTarget, frequencies);
  if (!light) return null;
  if (light.light === 'green') return 'you-build-it-you-run-it';
  if (light.light === 'red') return 'ops-run-it';
  return light.leaning;
}
