import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  PitfallFinding,
  PitfallReport,
  PitfallsAnswer,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import {
  MeasuresWindowDays,
  MeasuresWindowPicker,
  measuresWindowEnding,
} from '../shared/MeasuresWindowPicker';
import { formatAvailability, formatMoney } from '../shared/format';

const useStyles = makeStyles(theme => ({
  pitfall: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  heading: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
  },
  practice: {
    marginTop: theme.spacing(1),
    color: theme.palette.text.secondary,
  },
  findings: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(2.5) },
  finding: { marginBottom: theme.spacing(0.5) },
  subject: {
    fontWeight: theme.typography.fontWeightBold as number,
    marginRight: theme.spacing(1),
  },
  head: {
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  number: { textAlign: 'right', whiteSpace: 'nowrap' },
}));

/** The pitfalls the quarterly reflection covers: shown in their own section, not the list. */
const REFLECTION_PITFALLS = ['bands-not-reviewed', 'losses-above-exposure'];

function Subject({ finding }: { finding: PitfallFinding }) {
  const classes = useStyles();
  const refs = [
    finding.service,
    finding.resource,
    finding.domain,
    finding.team,
  ].filter((ref): ref is string => Boolean(ref));
  if (refs.length === 0) return null;
  return (
    <span className={classes.subject}>
      {refs.map((ref, index) => (
        <span key={ref}>
          {index > 0 && ' · '}
          <EntityRefLink entityRef={ref} hideIcon />
        </span>
      ))}
    </span>
  );
}

/** An entity ref as the pitfall evidence writes one, `component:default/returns`. */
const REF_IN_TEXT =
  /\b(?:component|group|domain|system|resource|user|api):[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*/gi;

/**
 * The evidence with each entity ref it names shown as the entity's name, linked to its page,
 * rather than as `component:default/returns`.
 */
function EvidenceText({ text }: { text: string }) {
  const parts: Array<string | { ref: string }> = [];
  let last = 0;
  for (const match of text.matchAll(REF_IN_TEXT)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push({ ref: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          <EntityRefLink key={index} entityRef={part.ref} hideIcon />
        ),
      )}
    </>
  );
}

function Pitfall({ report }: { report: PitfallReport }) {
  const classes = useStyles();
  const seen = report.findings.length;
  return (
    <Paper
      className={classes.pitfall}
      variant="outlined"
      data-testid={`pitfall-${report.pitfall}`}
    >
      <div className={classes.heading}>
        <Typography variant="h6" component="h3">
          {report.title}
        </Typography>
        {seen > 0 ? (
          <StatusWarning>
            Seen in {seen} place{seen === 1 ? '' : 's'}
          </StatusWarning>
        ) : (
          <StatusOK>Not seen</StatusOK>
        )}
      </div>
      {seen > 0 && (
        <ul className={classes.findings}>
          {report.findings.map(finding => (
            <li
              key={`${finding.team ?? ''}${finding.service ?? ''}${
                finding.domain ?? ''
              }${finding.resource ?? ''}${finding.evidence}`}
              className={classes.finding}
            >
              <Subject finding={finding} />
              <Typography variant="body2" component="span">
                <EvidenceText text={finding.evidence} />
              </Typography>
            </li>
          ))}
        </ul>
      )}
      <Typography variant="body2" className={classes.practice}>
        <strong>How to avoid it:</strong> {report.practice}
      </Typography>
    </Paper>
  );
}

function QuarterlyReflection({ answer }: { answer: PitfallsAnswer }) {
  const classes = useStyles();
  const { reflection, currency } = answer;
  const money = (value: number | null) =>
    value === null ? '—' : formatMoney(value, currency);
  const reflectionPitfalls = answer.pitfalls.filter(p =>
    REFLECTION_PITFALLS.includes(p.pitfall),
  );
  let review: string;
  if (reflection.bandsLastReviewed === null) {
    review = 'No review of the financial exposure bands is recorded.';
  } else if (reflection.overdue) {
    review = `The exposure bands were last reviewed on ${reflection.bandsLastReviewed}; the review due on ${reflection.reviewDue} is late.`;
  } else {
    review = `The exposure bands were last reviewed on ${reflection.bandsLastReviewed}; the next review is due by ${reflection.reviewDue}.`;
  }
  return (
    <Box data-testid="quarterly-reflection">
      <Typography variant="h5" component="h2" gutterBottom>
        Quarterly reflection
      </Typography>
      <Typography variant="body1" gutterBottom>
        {reflection.overdue || reflection.bandsLastReviewed === null ? (
          <StatusWarning>{review}</StatusWarning>
        ) : (
          <StatusOK>{review}</StatusOK>
        )}
      </Typography>
      <Typography variant="body2" gutterBottom>
        Do recent incident losses call for a new exposure, new bands or new
        availability levels? Each service with a recorded loss in the window,
        its worst loss per hour against its declared exposure:
      </Typography>
      {reflection.services.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No incident in the window has a recorded loss.
        </Typography>
      ) : (
        <TableContainer component={Paper}>
          <Table
            size="small"
            aria-label="Recent incident losses against exposure"
          >
            <TableHead>
              <TableRow>
                <TableCell className={classes.head}>Service</TableCell>
                <TableCell className={`${classes.head} ${classes.number}`}>
                  Incidents
                </TableCell>
                <TableCell className={`${classes.head} ${classes.number}`}>
                  Declared exposure
                </TableCell>
                <TableCell className={`${classes.head} ${classes.number}`}>
                  Worst loss per hour
                </TableCell>
                <TableCell className={classes.head}>
                  Band for that loss
                </TableCell>
                <TableCell className={classes.head}>
                  Against the exposure
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {reflection.services.map(s => (
                <TableRow key={s.entityRef} data-testid="reflection-row">
                  <TableCell>
                    <EntityRefLink entityRef={s.entityRef} hideIcon />
                  </TableCell>
                  <TableCell className={classes.number}>
                    {s.incidents}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {money(s.exposurePerHour)}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {money(s.worstLossPerHour)}
                  </TableCell>
                  <TableCell>
                    {formatAvailability(s.bandForLosses.availability)}
                    {s.availabilityTarget !== null &&
                      ` (target ${formatAvailability(s.availabilityTarget)})`}
                  </TableCell>
                  <TableCell>
                    {s.exceedsExposure ? (
                      <StatusWarning>Above the exposure</StatusWarning>
                    ) : (
                      'Within it'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <Box mt={2}>
        {reflectionPitfalls.map(p => (
          <Pitfall key={p.pitfall} report={p} />
        ))}
      </Box>
    </Box>
  );
}

/**
 * Which of the playbook's pitfalls the organisation is falling into (rule 12): each with the
 * teams and services where it shows, the evidence, and the practice that avoids it; then the
 * quarterly reflection on the exposure bands and recent incident losses.
 *
 * @public
 */
export function PitfallsView(props: { now?: Date }) {
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const [days, setDays] = useState<MeasuresWindowDays>(90);
  const end = props.now?.getTime();
  const { value, loading, error } = useAsync(
    () =>
      api.getPitfalls(
        measuresWindowEnding(
          end === undefined ? new Date() : new Date(end),
          days,
        ),
      ),
    [api, days, end],
  );

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value && value.pitfalls.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title={t('emptyStates.pitfallsNoneLookedForTitle')}
        description={t('emptyStates.pitfallsNoneLookedFor')}
      />
    );
  } else if (value) {
    const listed = value.pitfalls.filter(
      p => !REFLECTION_PITFALLS.includes(p.pitfall),
    );
    const seen = listed.filter(p => p.findings.length > 0);
    content = (
      <>
        {seen.length === 0 ? (
          <Box data-testid="pitfalls-summary">
            <EmptyState
              missing="data"
              title={t('emptyStates.pitfallsNoneShowingTitle', {
                count: listed.length,
              })}
              description={t('emptyStates.pitfallsNoneShowing', {
                days: String(days),
              })}
            />
          </Box>
        ) : (
          <Typography
            variant="body1"
            gutterBottom
            data-testid="pitfalls-summary"
          >
            {`${seen.length} of the ${listed.length} pitfalls looked for ${
              seen.length === 1 ? 'is' : 'are'
            } showing.`}
          </Typography>
        )}
        {[...seen, ...listed.filter(p => p.findings.length === 0)].map(p => (
          <Pitfall key={p.pitfall} report={p} />
        ))}
        <Box mt={4}>
          <QuarterlyReflection answer={value} />
        </Box>
      </>
    );
  }

  return (
    <Box>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        <MeasuresWindowPicker days={days} onChange={setDays} />
      </Box>
      {content}
    </Box>
  );
}
