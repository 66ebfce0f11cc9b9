import { parseEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  DirectoryChoice,
  DirectoryFilters,
  DirectoryGroupBy,
  DirectoryItem,
  DirectoryModelFilter,
  DirectoryOutOfHoursFilter,
  DirectoryService,
  DirectoryTeam,
  NO_DIRECTORY_FILTERS,
  TargetStatus,
  describeOnCall,
  directoryOnCallWordsInput,
  modelInForce,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Collapse from '@material-ui/core/Collapse';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputAdornment from '@material-ui/core/InputAdornment';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme, alpha, makeStyles, useTheme } from '@material-ui/core/styles';
import type { PaletteColor } from '@material-ui/core/styles/createPalette';
import FilterListIcon from '@material-ui/icons/FilterList';
import SearchIcon from '@material-ui/icons/Search';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import {
  ChangeEvent,
  ReactNode,
  createContext,
  memo,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  ListChildComponentProps,
  VariableSizeList,
  areEqual,
} from 'react-window';
import { frequencyTitle, modelTitle } from '../shared/describe';
import { WebLink } from '../shared/WebLink';
import { operatingModelApiRef } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import { DirectoryPages, useDirectoryPages } from './useDirectoryPages';
import { OnCallWordsLine } from '../PagedNow';
import {
  formatAvailability,
  formatAvailabilityRatio,
  formatCount,
  formatNumber,
  formatInstant,
  onCallTimeOptions,
  lowerCase,
} from '../shared/format';

type ModelFilter = DirectoryModelFilter;
type OutOfHoursFilter = DirectoryOutOfHoursFilter;
type GroupBy = DirectoryGroupBy;

/**
 * Search waits this long after the last keystroke. The backend answers a search of 50,000
 * services in about 5 ms and stale answers are dropped, so the wait only spares a request per
 * keystroke of fast typing; with 80 ms, the one service typed appeared after about 120 ms.
 */
export const SEARCH_DEBOUNCE_MS = 30;
export const SERVICE_ROW_HEIGHT = 68;
export const HEADING_ROW_HEIGHT = 56;
/** A first guess at a compact row's height on a narrow screen, until the row is measured. */
export const COMPACT_ROW_HEIGHT = 150;
/** The list is never shorter than this, however little of the window is left below its top. */
const MIN_LIST_HEIGHT = 360;

const COLUMNS =
  'minmax(13em, 2fr) minmax(9em, 1.1fr) minmax(9em, 1fr) minmax(9em, 1fr) minmax(11em, 1.4fr) minmax(8.5em, 0.8fr) minmax(10em, 1.1fr)';

/** A tinted chip of a status colour of the theme, legible on light and dark backgrounds alike. */
function statusColours(theme: Theme, colour: PaletteColor) {
  return {
    background: alpha(colour.main, theme.palette.type === 'dark' ? 0.3 : 0.12),
    color: theme.palette.type === 'dark' ? colour.light : colour.dark,
  };
}

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  search: {
    flex: '1 1 24em',
    minWidth: '18em',
    [theme.breakpoints.down('sm')]: { flex: '1 1 100%', minWidth: 0 },
  },
  select: { minWidth: '13em' },
  autocomplete: { width: '16em' },
  // After the fixed widths above: in the narrow screen's panel every filter takes the full width.
  filterPanel: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    paddingTop: theme.spacing(1),
    marginBottom: theme.spacing(1),
    '& > *': { width: '100%' },
  },
  header: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    columnGap: theme.spacing(2),
    padding: theme.spacing(1, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    color: theme.palette.text.secondary,
    fontSize: '0.75rem',
    fontWeight: 600,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  row: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    columnGap: theme.spacing(2),
    alignItems: 'center',
    minHeight: SERVICE_ROW_HEIGHT,
    padding: theme.spacing(1, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    boxSizing: 'border-box',
    fontSize: '0.875rem',
  },
  pending: { height: '100%' },
  compact: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    padding: theme.spacing(1.5, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    boxSizing: 'border-box',
    fontSize: '0.875rem',
  },
  compactName: { fontSize: '1rem' },
  compactLinks: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(0.5),
  },
  label: { color: theme.palette.text.secondary, marginRight: 4 },
  // Cells wrap rather than cut a name or a handover time short; each row is measured to fit.
  cell: { minWidth: 0, overflowWrap: 'anywhere' },
  wrapped: { lineHeight: 1.2 },
  secondary: {
    color: theme.palette.text.secondary,
    fontSize: '0.75rem',
  },
  strong: { fontWeight: 500 },
  heading: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    minHeight: HEADING_ROW_HEIGHT,
    padding: theme.spacing(1, 2),
    overflowWrap: 'anywhere',
    boxSizing: 'border-box',
    background: theme.palette.background.default,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  headingTitle: { fontWeight: 600, fontSize: '0.95rem' },
  badge: {
    display: 'inline-block',
    marginRight: theme.spacing(0.75),
    padding: '0 6px',
    borderRadius: 8,
    fontSize: '0.7rem',
    lineHeight: '16px',
    fontWeight: 600,
    ...statusColours(theme, theme.palette.warning),
  },
  measure: {
    display: 'block',
    width: 'fit-content',
    marginBottom: 2,
    padding: '0 6px',
    borderRadius: 4,
    fontSize: '0.75rem',
    lineHeight: '20px',
    marginRight: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  met: {
    ...statusColours(theme, theme.palette.success),
  },
  missed: {
    ...statusColours(theme, theme.palette.error),
  },
  noData: {
    background: theme.palette.action.hover,
    color: theme.palette.text.secondary,
  },
  count: { color: theme.palette.text.secondary, margin: theme.spacing(1, 0) },
}));

type Classes = ReturnType<typeof useStyles>;

/** Links to a catalog entity's page by ref; a plain label where the catalog routes are not mounted. */
const EntityLinks = createContext<(ref: string) => string | undefined>(
  () => undefined,
);

function EntityLink(props: {
  entityRef: string | null;
  children: ReactNode;
  className?: string;
}) {
  const linkTo = useContext(EntityLinks);
  const to = props.entityRef ? linkTo(props.entityRef) : undefined;
  if (!to) return <span className={props.className}>{props.children}</span>;
  return (
    <Link to={to} className={props.className}>
      {props.children}
    </Link>
  );
}

function useEntityLinks(): (ref: string) => string | undefined {
  const entityRoute = useRouteRef(entityRouteRef);
  return useMemo(
    () => (ref: string) => {
      try {
        const { kind, namespace, name } = parseEntityRef(ref);
        return entityRoute({
          kind: kind.toLocaleLowerCase('en-US'),
          namespace,
          name,
        });
      } catch {
        return undefined;
      }
    },
    [entityRoute],
  );
}

const STATUS_MARK: Record<TargetStatus, string> = {
  met: '✓',
  missed: '✗',
  'no-data': '–',
};
const STATUS_WORD: Record<TargetStatus, string> = {
  met: 'met',
  missed: 'missed',
  'no-data': 'no data',
};

function MeasureChip(props: {
  classes: Classes;
  label: string;
  status: TargetStatus;
  children: ReactNode;
  title: string;
}) {
  const { classes, status } = props;
  const colour = {
    met: classes.met,
    missed: classes.missed,
    'no-data': classes.noData,
  }[status];
  return (
    <Tooltip title={props.title}>
      <span
        className={`${classes.measure} ${colour}`}
        data-status={status}
        aria-label={`${props.label}: ${STATUS_WORD[status]}`}
      >
        {STATUS_MARK[status]} {props.children}
      </span>
    </Tooltip>
  );
}

function perMonth(value: number): string | null {
  return formatNumber(value, value >= 10 ? 0 : 1);
}

const OUT_OF_HOURS_TEXT: Record<string, string> = {
  team: 'team out of hours',
  domain: 'domain out of hours',
  none: 'no out-of-hours callouts',
};

/** The rota a directory row's schedule draws from: the owning team's or the domain's. */
function scheduleRota(service: DirectoryService): string | null {
  switch (service.onCall?.schedule) {
    case 'domain':
      return service.domain;
    case 'team':
      return service.owner;
    default:
      return null;
  }
}

/** The instant the directory worked out who is on call for, which its words are read at. */
const OnCallAt = createContext<Date>(new Date(0));

function OnCallCell({
  service,
  classes,
  label,
}: {
  service: DirectoryService;
  classes: Classes;
  label?: string;
}) {
  const onCallAt = useContext(OnCallAt);
  const linkTo = useContext(EntityLinks);
  const input = directoryOnCallWordsInput(service);
  const labelled = label ? (
    <span className={classes.label}>{label}:</span>
  ) : null;
  if (!input || !service.onCall)
    return (
      <div>
        {labelled}
        <span className={classes.secondary}>Not worked out yet</span>
      </div>
    );
  const onCall = service.onCall;
  const words = describeOnCall(
    input,
    onCallTimeOptions(onCall.timezone, onCallAt),
  );
  const renderLink = (ref: string, text: string) =>
    linkTo(ref) ? <EntityLink entityRef={ref}>{text}</EntityLink> : text;
  // The row keeps its two lines: the person to reach, then the rest of the same words.
  return (
    <>
      <div>
        {labelled}
        <span data-on-call="person">
          {onCall.person ? (
            <EntityLink
              entityRef={onCall.person.ref}
              className={classes.strong}
            >
              {words.person}
            </EntityLink>
          ) : (
            words.person
          )}
        </span>
        {onCall.person?.email && (
          <>
            {' · '}
            <Link to={`mailto:${onCall.person.email}`}>email</Link>
          </>
        )}
      </div>
      <div className={classes.secondary}>
        <OnCallWordsLine
          words={words}
          withoutPerson
          links={{
            schedule: scheduleRota(service),
            nextPerson: onCall.next?.person?.ref ?? null,
            nextSchedule: service.owner,
          }}
          renderLink={renderLink}
        />
      </div>
    </>
  );
}

function ProblemBadges({
  service,
  classes,
}: {
  service: DirectoryService;
  classes: Classes;
}) {
  const findings = service.ownership;
  const { t } = useTranslationRef(operatingModelTranslationRef);
  return (
    <>
      {service.problems > 0 && (
        <Tooltip title={t('problems.annotationHelp')}>
          <span className={classes.badge}>
            {t('problems.annotation', { count: service.problems })}
          </span>
        </Tooltip>
      )}
      {findings.length > 0 && (
        <Tooltip
          title={
            <>
              {findings.map(f => (
                <div key={`${f.code}:${f.subject}`}>{f.message}</div>
              ))}
              <div>{t('problems.ownershipHelp')}</div>
            </>
          }
        >
          <span className={classes.badge}>
            {t('problems.ownership', { count: findings.length })}
          </span>
        </Tooltip>
      )}
    </>
  );
}

function OwnerLink({ service }: { service: DirectoryService }) {
  return service.owner ? (
    <EntityLink entityRef={service.owner}>
      {service.ownerTitle ?? service.owner}
    </EntityLink>
  ) : (
    <>No owner</>
  );
}

function IncidentLinks({
  service,
  classes,
}: {
  service: DirectoryService;
  classes: Classes;
}) {
  return (
    <>
      <div>
        {service.links.runbook ? (
          <WebLink url={service.links.runbook}>Runbook</WebLink>
        ) : (
          <span className={classes.secondary}>No runbook</span>
        )}
      </div>
      <div>
        {service.links.incidentChannel ? (
          <WebLink url={service.links.incidentChannel}>
            Incident channel
          </WebLink>
        ) : (
          <span className={classes.secondary}>No incident channel</span>
        )}
      </div>
    </>
  );
}

/**
 * A service on a narrow screen, in the order a responder needs it: the service, who is on call
 * now, the runbook and incident channel, then the owner.
 */
const CompactServiceRow = memo(function DirectoryCompactServiceRow(props: {
  service: DirectoryService;
  classes: Classes;
}) {
  const { service, classes } = props;
  return (
    <div
      className={classes.compact}
      role="row"
      data-testid="directory-row"
      data-ref={service.ref}
    >
      <div className={classes.cell} role="cell">
        <EntityLink
          entityRef={service.ref}
          className={`${classes.strong} ${classes.compactName}`}
        >
          {service.title}
        </EntityLink>{' '}
        <ProblemBadges service={service} classes={classes} />
      </div>
      <div className={classes.cell} role="cell">
        <OnCallCell service={service} classes={classes} label="On call now" />
      </div>
      <div className={`${classes.cell} ${classes.compactLinks}`} role="cell">
        <IncidentLinks service={service} classes={classes} />
      </div>
      <div className={`${classes.cell} ${classes.secondary}`} role="cell">
        <span className={classes.label}>Owner:</span>
        <OwnerLink service={service} />
      </div>
    </div>
  );
});

// Memoised, like the compact row: a new page re-renders the list, not the rows already shown.
const ServiceRow = memo(function DirectoryServiceRow(props: {
  service: DirectoryService;
  classes: Classes;
}) {
  const { service, classes } = props;
  const model = modelInForce(service);
  const { recommended, declared } = service.model;
  const { deploymentFrequency: deploys, availability } = service.measures;
  return (
    <div
      className={classes.row}
      role="row"
      data-testid="directory-row"
      data-ref={service.ref}
    >
      <div className={classes.cell} role="cell">
        <div>
          <EntityLink entityRef={service.ref} className={classes.strong}>
            {service.title}
          </EntityLink>
        </div>
        <div className={classes.secondary}>
          <ProblemBadges service={service} classes={classes} />
          {[service.systemTitle, service.domainTitle]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </div>
      <div className={classes.cell} role="cell">
        <div>
          <OwnerLink service={service} />
        </div>
      </div>
      <div className={classes.cell} role="cell">
        <div className={classes.wrapped}>{modelTitle(model)}</div>
        {declared !== null &&
          recommended !== null &&
          declared !== recommended && (
            <div className={classes.secondary}>
              recommended: {modelTitle(recommended)}
            </div>
          )}
      </div>
      <div className={classes.cell} role="cell">
        <div>
          {service.availabilityTarget === null
            ? '—'
            : formatAvailability(service.availabilityTarget)}
          {' · '}
          {frequencyTitle(service.deploymentTarget)}
        </div>
        <div className={classes.secondary}>
          {service.outOfHours
            ? OUT_OF_HOURS_TEXT[service.outOfHours]
            : 'out of hours unknown'}
        </div>
      </div>
      <div className={classes.cell} role="cell">
        <OnCallCell service={service} classes={classes} />
      </div>
      <div className={classes.cell} role="cell">
        <IncidentLinks service={service} classes={classes} />
      </div>
      <div className={classes.cell} role="cell">
        <MeasureChip
          classes={classes}
          label="Deployment frequency"
          status={deploys.status}
          title={`Production deployments in the last 30 days against a ${lowerCase(
            frequencyTitle(deploys.target),
          )} target`}
        >
          {deploys.per30Days === null
            ? 'no deploys'
            : `${perMonth(deploys.per30Days)} deploys`}
        </MeasureChip>
        <MeasureChip
          classes={classes}
          label="Availability"
          status={availability.status}
          title={`Good requests ÷ all requests in the last 30 days, against ${
            availability.target === null
              ? 'no target'
              : formatAvailability(availability.target)
          }`}
        >
          {availability.ratio === null
            ? 'no availability data'
            : `${formatAvailabilityRatio(availability.ratio)} up`}
        </MeasureChip>
      </div>
    </div>
  );
});

function people(team: DirectoryTeam): string {
  return team.people
    .map(p => (p.email ? `${p.title} <${p.email}>` : p.title))
    .join(', ');
}

function HeadingRow({
  item,
  classes,
}: {
  item: Exclude<DirectoryItem, { kind: 'service' }>;
  classes: Classes;
}) {
  const plural = `${item.count} service${item.count === 1 ? '' : 's'}`;
  if (item.kind === 'team') {
    const who =
      item.team && item.team.people.length > 0
        ? people(item.team)
        : 'no people listed';
    return (
      <div
        className={classes.heading}
        role="row"
        data-testid="directory-heading"
      >
        <div>
          <EntityLink
            entityRef={item.team?.ref ?? null}
            className={classes.headingTitle}
          >
            {item.title}
          </EntityLink>{' '}
          <span className={classes.secondary}>· {plural}</span>
        </div>
        <div className={classes.secondary} title={who}>
          People: {who}
        </div>
      </div>
    );
  }
  const teams = item.teams.map(t => t.title).join(', ') || 'no teams';
  return (
    <div className={classes.heading} role="row" data-testid="directory-heading">
      <div>
        <EntityLink
          entityRef={item.domain?.ref ?? null}
          className={classes.headingTitle}
        >
          {item.title}
        </EntityLink>{' '}
        <span className={classes.secondary}>· {plural}</span>
      </div>
      <div className={classes.secondary} title={teams}>
        Teams: {teams}
      </div>
    </div>
  );
}

interface RowData {
  item: (index: number) => DirectoryItem | undefined;
  version: number;
  classes: Classes;
  compact: boolean;
  measured: (index: number, key: string, height: number) => void;
}

/**
 * Tells the list a row's height as laid out, and again whenever it changes (a narrower window
 * wraps more lines), so that rows wrap their text instead of cutting it short.
 */
function useMeasuredRow(
  index: number,
  key: string | undefined,
  measured: RowData['measured'],
) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || key === undefined) return undefined;
    const tell = () => measured(index, key, element.offsetHeight);
    tell();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(tell);
    observer.observe(element);
    return () => observer.disconnect();
  }, [index, key, measured]);
  return ref;
}

const Row = memo(function DirectoryRow({
  index,
  style,
  data,
}: ListChildComponentProps<RowData>) {
  const item = data.item(index);
  const ref = useMeasuredRow(index, item?.key, data.measured);
  const { classes } = data;
  let content: ReactNode;
  if (!item) {
    // A page on its way from the backend: the row's place is kept, so the scrollbar stays true.
    content = (
      <div
        className={`${classes.row} ${classes.pending}`}
        role="row"
        aria-busy="true"
        data-testid="directory-row-pending"
      >
        <span className={classes.secondary}>Loading…</span>
      </div>
    );
  } else if (item.kind !== 'service') {
    content = <HeadingRow item={item} classes={classes} />;
  } else if (data.compact) {
    content = <CompactServiceRow service={item.service} classes={classes} />;
  } else {
    content = <ServiceRow service={item.service} classes={classes} />;
  }
  return (
    <div style={style} role="presentation">
      <div ref={ref} className={item ? undefined : classes.pending}>
        {content}
      </div>
    </div>
  );
},
areEqual);

const limitedOptions = createFilterOptions<DirectoryChoice>({
  limit: 200,
});

function RefFilter(props: {
  label: string;
  options: DirectoryChoice[];
  value: string | null;
  onChange: (ref: string | null) => void;
  className: string;
}) {
  const selected = useMemo(
    () => props.options.find(o => o.ref === props.value) ?? null,
    [props.options, props.value],
  );
  return (
    <Autocomplete<DirectoryChoice>
      className={props.className}
      options={props.options}
      value={selected}
      filterOptions={limitedOptions}
      getOptionLabel={o => o.title}
      getOptionSelected={(o, v) => o.ref === v.ref}
      onChange={(_, option) => props.onChange(option?.ref ?? null)}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label}
          variant="outlined"
          size="small"
        />
      )}
    />
  );
}

function SelectFilter<T extends string | number>(props: {
  label: string;
  id: string;
  value: T | null;
  options: Array<{ value: T; label: string }>;
  onChange: (value: T | null) => void;
  className: string;
}) {
  const index =
    props.value === null
      ? ''
      : String(props.options.findIndex(o => o.value === props.value));
  return (
    <FormControl variant="outlined" size="small" className={props.className}>
      <InputLabel id={`${props.id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${props.id}-label`}
        id={props.id}
        label={props.label}
        value={index}
        onChange={(event: ChangeEvent<{ value: unknown }>) => {
          const chosen = event.target.value as string;
          props.onChange(
            chosen === '' ? null : props.options[Number(chosen)].value,
          );
        }}
      >
        <MenuItem value="">Any</MenuItem>
        {props.options.map((option, i) => (
          <MenuItem key={String(option.value)} value={String(i)}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

const MODEL_OPTIONS: Array<{ value: ModelFilter; label: string }> = [
  { value: 'you-build-it-you-run-it', label: 'You Build It You Run It' },
  { value: 'ops-run-it', label: 'Ops Run It' },
  { value: 'unknown', label: 'Not known' },
];
const OUT_OF_HOURS_OPTIONS: Array<{ value: OutOfHoursFilter; label: string }> =
  [
    { value: 'team', label: 'Team' },
    { value: 'domain', label: 'Domain' },
    { value: 'none', label: 'None' },
    { value: 'unknown', label: 'Not known' },
  ];
const GROUP_OPTIONS: Array<{ value: GroupBy; label: string }> = [
  { value: 'team', label: 'Team' },
  { value: 'domain', label: 'Domain' },
];

type Filters = Omit<DirectoryFilters, 'query'>;

/** How many filters narrow the directory, for the narrow screen's one filters button. */
export function filtersSet(filters: Filters): number {
  const chosen = [
    filters.domain,
    filters.team,
    filters.model,
    filters.availabilityTarget,
    filters.outOfHours,
  ].filter(value => value !== null).length;
  return chosen + (filters.hasProblems ? 1 : 0);
}

/**
 * The list's height: what the window leaves below the list's top, kept as the window is
 * resized; never less than MIN_LIST_HEIGHT. A height given by the caller wins.
 */
function useListHeight(fixed: number | undefined, bottomGap: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [fitted, setFitted] = useState(MIN_LIST_HEIGHT);
  useLayoutEffect(() => {
    if (fixed !== undefined) return undefined;
    const fit = () => {
      const element = ref.current;
      if (!element) return;
      const top = element.getBoundingClientRect().top + window.scrollY;
      setFitted(
        Math.max(
          MIN_LIST_HEIGHT,
          Math.floor(window.innerHeight - top - bottomGap),
        ),
      );
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [fixed, bottomGap]);
  return { ref, height: fixed ?? fitted };
}

/** The view over the directory's pages: search, filters, grouping and the virtualised rows. */
function DirectoryBrowser(props: {
  pages: DirectoryPages;
  input: string;
  onInput: (text: string) => void;
  filters: Filters;
  onFilters: (change: (previous: Filters) => Filters) => void;
  groupBy: GroupBy;
  onGroupBy: (groupBy: GroupBy) => void;
  height?: number;
}) {
  const { pages, input, filters, groupBy } = props;
  const classes = useStyles();
  const theme = useTheme();
  // Read at once rather than after a first render, so a phone never flashes the wide table.
  const compact = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const linkTo = useEntityLinks();
  const api = useApi(operatingModelApiRef);
  const facets = useAsync(() => api.getDirectoryFacets(), [api]);
  const listRef = useRef<VariableSizeList<RowData>>(null);
  const info = pages.info!;
  const itemCount = info.itemCount;
  const onCallAtIso = info.onCallAt;
  const onCallAt = useMemo(
    () => (onCallAtIso ? new Date(onCallAtIso) : new Date()),
    [onCallAtIso],
  );

  // Measured heights by item key, for the layout they were measured in.
  const sizesByLayout = useRef({
    wide: new Map<string, number>(),
    compact: new Map<string, number>(),
  });
  const sizes = sizesByLayout.current[compact ? 'compact' : 'wide'];
  const measured = useCallback(
    (index: number, key: string, size: number) => {
      // Nothing laid out (a test's DOM, a hidden tab): the row keeps its estimate.
      if (size <= 0 || Math.abs((sizes.get(key) ?? 0) - size) < 1) return;
      sizes.set(key, size);
      listRef.current?.resetAfterIndex(index, true);
    },
    [sizes],
  );
  useEffect(() => {
    listRef.current?.resetAfterIndex(0, true);
  }, [pages.version, sizes]);
  useEffect(() => {
    listRef.current?.scrollToItem(0);
  }, [info.matched, filters, groupBy]);

  const { t } = useTranslationRef(operatingModelTranslationRef);
  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      props.onFilters(previous => ({ ...previous, [key]: value }));

  // On a phone the app's navigation bar sits over the bottom of the window.
  const list = useListHeight(props.height, compact ? 80 : 24);
  const { item, version } = pages;
  const data = useMemo<RowData>(
    () => ({ item, version, classes, compact, measured }),
    [item, version, classes, compact, measured],
  );
  const estimate = compact ? COMPACT_ROW_HEIGHT : SERVICE_ROW_HEIGHT;
  const setCount = filtersSet(filters);
  const total = info.total;
  const targetOptions = useMemo(
    () => [
      ...info.availabilityTargets.map(target => ({
        value: target as number | 'none',
        label: formatAvailability(target),
      })),
      { value: 'none' as const, label: 'No target' },
    ],
    [info.availabilityTargets],
  );

  const filterControls = (
    <>
      <RefFilter
        label="Domain"
        options={facets.value?.domains ?? []}
        value={filters.domain}
        onChange={set('domain')}
        className={classes.autocomplete}
      />
      <RefFilter
        label="Team"
        options={facets.value?.teams ?? []}
        value={filters.team}
        onChange={set('team')}
        className={classes.autocomplete}
      />
      <SelectFilter
        id="om-directory-model"
        label="Operating model"
        value={filters.model}
        options={MODEL_OPTIONS}
        onChange={set('model')}
        className={classes.select}
      />
      <SelectFilter
        id="om-directory-availability"
        label="Availability target"
        value={filters.availabilityTarget}
        options={targetOptions}
        onChange={set('availabilityTarget')}
        className={classes.select}
      />
      <SelectFilter
        id="om-directory-out-of-hours"
        label="Out of hours"
        value={filters.outOfHours}
        options={OUT_OF_HOURS_OPTIONS}
        onChange={set('outOfHours')}
        className={classes.select}
      />
      <Tooltip title={t('problems.filterHelp')}>
        <FormControlLabel
          control={
            <Checkbox
              checked={filters.hasProblems}
              onChange={event => set('hasProblems')(event.target.checked)}
              color="primary"
            />
          }
          label={t('problems.filter')}
        />
      </Tooltip>
      <SelectFilter
        id="om-directory-group"
        label="Group by"
        value={groupBy === 'none' ? null : groupBy}
        options={GROUP_OPTIONS}
        onChange={value => props.onGroupBy(value ?? 'none')}
        className={classes.select}
      />
    </>
  );

  return (
    <EntityLinks.Provider value={linkTo}>
      <OnCallAt.Provider value={onCallAt}>
        <div className={classes.filters} role="search">
          <TextField
            className={classes.search}
            variant="outlined"
            size="small"
            // The directory is a search page: focus starts in its search box, as on Backstage's own.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            placeholder="Search services, teams, domains and people"
            value={input}
            onChange={event => props.onInput(event.target.value)}
            inputProps={{
              'aria-label': 'Search services, teams, domains and people',
            }}
            InputProps={{
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            }}
          />
          {compact ? (
            <Button
              variant="outlined"
              startIcon={<FilterListIcon />}
              aria-expanded={filtersOpen}
              aria-controls="om-directory-filters"
              onClick={() => setFiltersOpen(open => !open)}
            >
              {setCount > 0 ? `Filters (${setCount})` : 'Filters'}
            </Button>
          ) : (
            filterControls
          )}
        </div>
        {compact && (
          <Collapse in={filtersOpen} unmountOnExit>
            <div id="om-directory-filters" className={classes.filterPanel}>
              {filterControls}
            </div>
          </Collapse>
        )}
        <Typography
          variant="body2"
          className={classes.count}
          aria-live="polite"
          data-testid="directory-count"
        >
          {info.matched === total
            ? `${formatCount(total)} services`
            : `${formatCount(info.matched)} of ${formatCount(total)} services`}
          {info.onCallAt
            ? ` · on call as at ${formatInstant(info.onCallAt)}`
            : ' · working out who is on call'}
        </Typography>
        <Paper variant="outlined">
          <div role="table" aria-label="Services" aria-rowcount={itemCount}>
            {!compact && (
              <div className={classes.header} role="row">
                <span role="columnheader">Service</span>
                <span role="columnheader">Owner</span>
                <span role="columnheader">Model</span>
                <span role="columnheader">Targets</span>
                <span role="columnheader">On call now</span>
                <span role="columnheader">In an incident</span>
                <span role="columnheader">Last 30 days</span>
              </div>
            )}
            <div ref={list.ref}>
              {itemCount === 0 ? (
                <Box p={3}>
                  <Typography>
                    No service matches; try fewer words or clear a filter.
                  </Typography>
                </Box>
              ) : (
                <VariableSizeList<RowData>
                  ref={listRef}
                  height={list.height}
                  width="100%"
                  itemCount={itemCount}
                  itemData={data}
                  itemKey={(i, d) => d.item(i)?.key ?? `pending:${i}`}
                  itemSize={i => {
                    const row = item(i);
                    const known = row && sizes.get(row.key);
                    if (known) return known;
                    return !row || row.kind === 'service'
                      ? estimate
                      : HEADING_ROW_HEIGHT;
                  }}
                  estimatedItemSize={estimate}
                  overscanCount={6}
                  onItemsRendered={({
                    overscanStartIndex,
                    overscanStopIndex,
                  }) => pages.want(overscanStartIndex, overscanStopIndex)}
                >
                  {Row}
                </VariableSizeList>
              )}
            </div>
          </div>
        </Paper>
      </OnCallAt.Provider>
    </EntityLinks.Provider>
  );
}

/**
 * Every team and service in one place for anyone signed in, built for an incident: who owns a
 * service, who is on call for it now, its runbook and incident channel, its targets and how it
 * does against them. The playbook's "Maximise discoverability of teams and services".
 *
 * @public
 */
export function DiscoverabilityView(props: { height?: number }) {
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_DIRECTORY_FILTERS);
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(input), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);
  const all = useMemo(() => ({ ...filters, query }), [filters, query]);
  const pages = useDirectoryPages(all, groupBy);

  if (pages.loading) return <Progress />;
  if (pages.error) return <ResponseErrorPanel error={pages.error} />;
  if (!pages.info || pages.info.total === 0) {
    return (
      <EmptyState
        missing="data"
        title="No services yet"
        description="Components of type service, or with operating-model.io annotations, appear here once the catalog has them."
      />
    );
  }
  return (
    <>
      {pages.refreshError && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title="Could not refresh the directory; showing the last answer"
            message={pages.refreshError.message}
          />
        </Box>
      )}
      <DirectoryBrowser
        pages={pages}
        input={input}
        onInput={setInput}
        filters={filters}
        onFilters={setFilters}
        groupBy={groupBy}
        onGroupBy={setGroupBy}
        height={props.height}
      />
    </>
  );
}
