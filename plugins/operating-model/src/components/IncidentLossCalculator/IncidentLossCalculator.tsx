import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  INCIDENT_RESPONSE_TEXT,
  IncidentLossAnswer,
  IncidentLossRequest,
  JourneyImpact,
  exposurePerHourInForce,
  parseMoney,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { AssessedService, operatingModelApiRef } from '../../api';
import { backendMessage } from '../shared/backendMessage';
import { formatMoney } from '../shared/format';
import { ServicePicker } from '../ServicePicker';

const useStyles = makeStyles(theme => ({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12em, 1fr))',
    gap: theme.spacing(2),
    margin: theme.spacing(2, 0),
  },
  verdict: { marginTop: theme.spacing(2) },
  major: { ...theme.typography.h3, color: theme.palette.error.main, margin: 0 },
  minor: {
    ...theme.typography.h3,
    color: theme.palette.warning.dark,
    margin: 0,
  },
  low: { ...theme.typography.h3, color: theme.palette.text.primary, margin: 0 },
  response: { ...theme.typography.h5, margin: theme.spacing(1, 0, 2) },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary, margin: 0 },
  value: { ...theme.typography.h6, margin: 0 },
  reasons: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(2.5) },
}));

const JOURNEYS: Array<{ value: JourneyImpact; label: string }> = [
  { value: 'blocked', label: 'Users cannot complete their journey' },
  { value: 'degraded', label: 'Users can complete a degraded journey' },
  { value: 'ok', label: 'Users can complete their journey' },
];

/** An amount typed by a person: empty is "not known", anything else must read as money. */
function readAmount(text: string): { value?: number; error?: string } {
  if (text.trim() === '') return {};
  const result = parseMoney(text);
  return result.ok
    ? { value: result.value }
    : { error: 'An amount such as 12000, 12K or 1.5M' };
}

function readMinutes(text: string): { value?: number; error?: string } {
  if (text.trim() === '') return {};
  const value = Number(text);
  return Number.isFinite(value) && value >= 0
    ? { value }
    : { error: 'A number of minutes, such as 45' };
}

function Verdict({ answer }: { answer: IncidentLossAnswer }) {
  const classes = useStyles();
  const money = (value: number | null) =>
    value === null ? 'Not known' : formatMoney(value, answer.currency);
  const headlines: Record<IncidentLossAnswer['response'], string> = {
    'restore-immediately': classes.major,
    'restore-next-working-day': classes.minor,
    'restore-when-possible': classes.low,
  };
  const headline = headlines[answer.response];
  return (
    <Box
      className={classes.verdict}
      data-testid="incident-loss-verdict"
      aria-live="polite"
    >
      <p className={headline}>
        {answer.category === 'major' ? 'Major incident' : 'Minor incident'}
      </p>
      <p className={classes.response}>
        {INCIDENT_RESPONSE_TEXT[answer.response]}
      </p>
      <dl className={classes.figures}>
        <dt className={classes.term}>Loss so far</dt>
        <dd className={classes.value}>{money(answer.lossSoFar)}</dd>
        <dt className={classes.term}>Loss per hour</dt>
        <dd className={classes.value}>
          {money(answer.lossPerHour)}
          {answer.lossPerHourSource === 'financial-exposure' && (
            <Typography component="span" variant="body2" color="textSecondary">
              {' '}
              (the service’s financial exposure)
            </Typography>
          )}
        </dd>
      </dl>
      <ul className={classes.reasons}>
        {answer.reasons.map(reason => (
          <li key={reason}>
            <Typography variant="body2">{reason}</Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
}

/**
 * How bad is an incident going on now, and so how fast must it be restored (rule 10)? Pick the
 * service (its financial exposure fills in the loss rate), say what users can still do and
 * whether it is a security incident, and how long it has been going on; the backend answers
 * major or minor, the response, and the loss so far. With `service` the service is fixed, as on
 * a Component's card.
 *
 * @public
 */
export function IncidentLossCalculator(props: { service?: AssessedService }) {
  const api = useApi(operatingModelApiRef);
  const classes = useStyles();
  const id = useId();
  const fixed = props.service ?? null;
  const exposureText = (service: AssessedService | null) => {
    const exposure = service ? exposurePerHourInForce(service) : null;
    return exposure === null ? '' : String(exposure);
  };

  const [selected, setSelected] = useState<AssessedService | null>(fixed);
  const [rate, setRate] = useState(exposureText(fixed));
  const [soFar, setSoFar] = useState('');
  const [minutes, setMinutes] = useState('');
  const [journey, setJourney] = useState<JourneyImpact>('ok');
  const [security, setSecurity] = useState(false);

  const services = useAsync(
    async () => (fixed ? [] : api.listServices()),
    [api, fixed],
  );

  const lossPerHour = readAmount(rate);
  const lossSoFar = readAmount(soFar);
  const minutesSoFar = readMinutes(minutes);
  const invalid = Boolean(
    lossPerHour.error || lossSoFar.error || minutesSoFar.error,
  );
  const request = useMemo<IncidentLossRequest>(
    () => ({
      ...(selected ? { entityRef: selected.entityRef } : {}),
      ...(lossPerHour.value !== undefined
        ? { lossPerHour: lossPerHour.value }
        : {}),
      ...(lossSoFar.value !== undefined ? { lossSoFar: lossSoFar.value } : {}),
      ...(minutesSoFar.value !== undefined
        ? { minutesSoFar: minutesSoFar.value }
        : {}),
      journey,
      security,
    }),
    [
      selected,
      lossPerHour.value,
      lossSoFar.value,
      minutesSoFar.value,
      journey,
      security,
    ],
  );
  // With nothing entered yet there is no incident to judge: no verdict until something is.
  const nothingEntered =
    !selected &&
    lossPerHour.value === undefined &&
    lossSoFar.value === undefined &&
    minutesSoFar.value === undefined &&
    journey === 'ok' &&
    !security;
  const answer = useAsync(
    async () =>
      invalid || nothingEntered ? undefined : api.getIncidentLoss(request),
    [api, invalid, nothingEntered, request],
  );

  return (
    <Box data-testid="incident-loss-calculator">
      {!fixed && (
        <>
          {services.error && <ResponseErrorPanel error={services.error} />}
          <ServicePicker
            services={services.value}
            loading={services.loading}
            value={selected}
            onChange={value => {
              setSelected(value);
              setRate(exposureText(value));
            }}
            placeholder="Type a service or team name (optional)"
          />
        </>
      )}
      <div className={classes.fields}>
        <TextField
          id={`${id}-rate`}
          label="Loss per hour"
          value={rate}
          onChange={e => setRate(e.target.value)}
          error={Boolean(lossPerHour.error)}
          helperText={
            lossPerHour.error ??
            (selected
              ? 'Filled in from the financial exposure'
              : 'Revenue lost plus costs')
          }
          variant="outlined"
        />
        <TextField
          id={`${id}-minutes`}
          label="Minutes so far"
          value={minutes}
          onChange={e => setMinutes(e.target.value)}
          error={Boolean(minutesSoFar.error)}
          helperText={minutesSoFar.error ?? 'Since the incident started'}
          variant="outlined"
          inputProps={{ inputMode: 'numeric' }}
        />
        <TextField
          id={`${id}-so-far`}
          label="Loss so far"
          value={soFar}
          onChange={e => setSoFar(e.target.value)}
          error={Boolean(lossSoFar.error)}
          helperText={
            lossSoFar.error ?? 'Where known; else worked out from the rate'
          }
          variant="outlined"
        />
      </div>
      <FormControl component="fieldset">
        <FormLabel component="legend">What can users do?</FormLabel>
        <RadioGroup
          aria-label="What can users do?"
          value={journey}
          onChange={e => setJourney(e.target.value as JourneyImpact)}
        >
          {JOURNEYS.map(j => (
            <FormControlLabel
              key={j.value}
              value={j.value}
              control={<Radio />}
              label={j.label}
            />
          ))}
        </RadioGroup>
      </FormControl>
      <Box>
        <FormControlLabel
          control={
            <Switch
              checked={security}
              onChange={e => setSecurity(e.target.checked)}
            />
          }
          label="Users are affected by a security incident"
        />
      </Box>
      {answer.loading && !answer.value && <Progress />}
      {answer.error && (
        <ResponseErrorPanel
          error={answer.error}
          title={`No answer: ${backendMessage(answer.error)}`}
        />
      )}
      {nothingEntered ? (
        <Typography
          variant="body1"
          color="textSecondary"
          className={classes.verdict}
          data-testid="incident-loss-prompt"
        >
          Choose the service or enter the loss per hour, and say how long it has
          lasted, to see whether this is a major or a minor incident.
        </Typography>
      ) : (
        answer.value && <Verdict answer={answer.value} />
      )}
    </Box>
  );
}
