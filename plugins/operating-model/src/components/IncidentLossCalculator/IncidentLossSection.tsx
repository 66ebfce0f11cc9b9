import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { AssessedService } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import { IncidentLossCalculator } from './IncidentLossCalculator';

/**
 * The incident loss calculator for one service, folded away under "How bad is an incident?",
 * for the bottom of the Component card. It only asks the backend once it is opened.
 */
export function IncidentLossSection(props: { service: AssessedService }) {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }} variant="outlined">
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="incident-loss-content"
      >
        <Typography variant="subtitle1">
          {t('serviceCard.incidentLoss')}
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="incident-loss-content">
        <Box width="100%">
          <IncidentLossCalculator service={props.service} />
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
