import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import {
  ServiceAssessment,
  trafficLightReason,
} from '@operating-model/backstage-plugin-operating-model-common';
import { operatingModelTranslationRef } from '../../translation';
import { trafficLightText } from '../shared/describe';

/**
 * Rule 6's readiness light with its reason beside it, so a red light says why it is red: the
 * service card and the onboarding form both show it.
 */
export function ReadinessStatus(props: {
  assessment: Pick<
    ServiceAssessment,
    'operatingModel' | 'deploymentTarget' | 'availabilityTarget'
  >;
}) {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const { operatingModel, deploymentTarget, availabilityTarget } =
    props.assessment;
  const light = operatingModel.trafficLight;
  if (!light) return null;
  const text = trafficLightText(light, t);
  let status = <StatusError>{text}</StatusError>;
  if (light === 'green') status = <StatusOK>{text}</StatusOK>;
  if (light === 'amber') status = <StatusWarning>{text}</StatusWarning>;
  const reason = trafficLightReason({
    light,
    leaning: operatingModel.leaning,
    deploymentTarget,
    availabilityTarget,
  });
  return (
    <>
      {status}
      {reason && (
        <Typography
          variant="body2"
          color="textSecondary"
          component="span"
          display="block"
          data-testid="readiness-reason"
        >
          {reason}
        </Typography>
      )}
    </>
  );
}
