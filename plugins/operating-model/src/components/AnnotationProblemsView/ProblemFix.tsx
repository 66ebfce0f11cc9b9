import { CopyTextButton, WarningPanel } from '@backstage/core-components';
import {
  AnnotationFix,
  AssessmentProblem,
  annotationFixFor,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { useOperatingModelConfig } from '../shared/useOperatingModelConfig';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { operatingModelTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  line: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  advice: { color: theme.palette.text.secondary },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

/**
 * Code such as `operating-model.io/financial-exposure: "200K"` with line-break opportunities
 * after its slashes and spaces, so a narrow column wraps it between words rather than
 * mid-word.
 */
export function BreakableCode({ text }: { text: string }) {
  const parts = text.split(/(?<=[/ ])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** The annotation line that clears a problem, ready to copy, and what it means. */
export function ProblemFix({ fix }: { fix: AnnotationFix | null }) {
  const classes = useStyles();
  if (!fix) {
    return (
      <Typography variant="body2" className={classes.advice}>
        Correct the value as the message says.
      </Typography>
    );
  }
  return (
    <Box data-testid="problem-fix">
      <Box display="flex" alignItems="center">
        <code className={classes.line}>
          <BreakableCode text={fix.line} />
        </code>
        <CopyTextButton text={fix.line} aria-label={`Copy ${fix.line}`} />
      </Box>
      <Typography variant="body2" className={classes.advice}>
        {fix.example && 'The value is an example; write the service’s own. '}
        {fix.advice}
      </Typography>
    </Box>
  );
}

/** The fix for a problem under the operatingModel config in force, or null while that cannot be read. */
export function useAnnotationFix(): (
  problem: AssessmentProblem,
) => AnnotationFix | null {
  const { config } = useOperatingModelConfig();
  return problem => (config ? annotationFixFor(problem, config) : null);
}

/**
 * A service's annotation problems, each with what is wrong and the line to write instead, open
 * by default so nobody has to click to see what is wrong.
 */
export function AnnotationProblemsPanel({
  problems,
}: {
  problems: AssessmentProblem[];
}) {
  const classes = useStyles();
  const fixFor = useAnnotationFix();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  if (problems.length === 0) return null;
  return (
    <WarningPanel
      severity="error"
      title={t('problems.annotationToFix', { count: problems.length })}
      defaultExpanded
    >
      <ul className={classes.list}>
        {problems.map(problem => (
          <li key={`${problem.annotation}:${problem.value}`}>
            <Typography variant="body2">
              <code className={classes.line}>
                <BreakableCode text={problem.annotation} />
              </code>
              : {problem.message}
            </Typography>
            <ProblemFix fix={fixFor(problem)} />
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
