import {
  StatusAborted,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { FigureCardContent } from './measureFigures';

/** Met, missed, or no data to tell, with the words beside the colour. */
export function TargetStatus(props: { met: boolean | null; children: string }) {
  if (props.met === true) return <StatusOK>{props.children} · met</StatusOK>;
  if (props.met === false)
    return <StatusError>{props.children} · missed</StatusError>;
  return <StatusAborted>{props.children} · no data</StatusAborted>;
}

/** One headline figure: its value or "No data", its target, and what it rests on. */
export function FigureCard(props: { figure: FigureCardContent }) {
  const { figure } = props;
  return (
    <Card
      variant="outlined"
      style={{ height: '100%' }}
      data-testid={`figure-${figure.id}`}
    >
      <CardContent>
        <Typography variant="overline" color="textSecondary" component="h3">
          {figure.title}
        </Typography>
        <Typography
          variant="h5"
          component="p"
          color={figure.value === null ? 'textSecondary' : 'textPrimary'}
        >
          {figure.value ?? 'No data'}
        </Typography>
        {figure.detail && (
          <Typography variant="body2">{figure.detail}</Typography>
        )}
        {figure.target && (
          <Typography variant="body2" component="div">
            <TargetStatus met={figure.target.met}>
              {figure.target.text}
            </TargetStatus>
          </Typography>
        )}
        {figure.dora && (
          <Typography variant="body2" data-testid="dora-level">
            {figure.dora}
          </Typography>
        )}
        <Typography variant="caption" color="textSecondary" component="p">
          {figure.basis}
        </Typography>
      </CardContent>
    </Card>
  );
}
