import { InfoCard } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { MeasureSeries } from '@operating-model/backstage-plugin-operating-model-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReviewLink } from '../ReviewRedirect';
import { formatMinutes, formatUtcDayTime } from '../shared/format';
import { WebLink } from '../shared/WebLink';

/** The incidents of the window, each with its time to restore and a link to its review. */
export function IncidentList(props: { incidents: MeasureSeries['incidents'] }) {
  return (
    <InfoCard
      title="Incidents"
      subheader="Incidents that started in this window"
    >
      {props.incidents.length === 0 ? (
        <Typography color="textSecondary">
          No data: no incidents in this window
        </Typography>
      ) : (
        <Table size="small" aria-label="Incidents">
          <TableHead>
            <TableRow>
              <TableCell>Started</TableCell>
              <TableCell>Incident</TableCell>
              <TableCell>Services</TableCell>
              <TableCell>Time to restore</TableCell>
              <TableCell>Post-incident review</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.incidents.map(incident => (
              <TableRow key={`${incident.source}/${incident.externalId}`}>
                <TableCell>{formatUtcDayTime(incident.startedAt)}</TableCell>
                <TableCell>
                  {incident.url ? (
                    <WebLink url={incident.url}>
                      {incident.title ?? incident.externalId}
                    </WebLink>
                  ) : (
                    incident.title ?? incident.externalId
                  )}
                </TableCell>
                <TableCell>
                  {incident.services
                    .map(ref => parseEntityRef(ref).name)
                    .join(', ')}
                </TableCell>
                <TableCell>
                  {incident.timeToRestoreMinutes === null
                    ? 'Still open'
                    : formatMinutes(incident.timeToRestoreMinutes)}
                </TableCell>
                <TableCell>
                  <ReviewLink
                    review={incident.review}
                    reviewUrl={incident.reviewUrl}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
