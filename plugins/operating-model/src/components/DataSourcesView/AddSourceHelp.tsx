import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { operatingModelTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  example: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: theme.spacing(1, 0, 0),
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** The modules this repository publishes, each adding the source of the same id. */
const MODULES = ['pagerduty', 'github', 'prometheus'] as const;

const modulePackage = (id: (typeof MODULES)[number]) =>
  `@operating-model/backstage-plugin-operating-model-backend-module-${id}`;

/** Which backend modules add a source, and how to add one to the backend. */
export function AddSourceHelp() {
  const classes = useStyles();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  return (
    <Box data-testid="add-source">
      <Typography variant="body2" paragraph>
        {t('dataSources.addIntro')}
      </Typography>
      <ul className={classes.list}>
        {MODULES.map(id => (
          <li key={id}>
            <Typography variant="body2">
              <code className={classes.code}>{modulePackage(id)}</code>:{' '}
              {t(`dataSources.modules.${id}`)}
            </Typography>
          </li>
        ))}
      </ul>
      <pre className={classes.example}>
        {`// packages/backend/src/index.ts
backend.add(import('${modulePackage('pagerduty')}'));`}
      </pre>
    </Box>
  );
}
