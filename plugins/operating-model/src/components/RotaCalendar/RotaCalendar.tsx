import {
  CopyTextButton,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Override,
  Shift,
  overrideCreatePermission,
  overrideDeletePermission,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronLeft from '@material-ui/icons/ChevronLeft';
import ChevronRight from '@material-ui/icons/ChevronRight';
import { ReactNode, useId, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { RotaSchedule, operatingModelApiRef } from '../../api';
import { OverrideForm } from '../OverrideForm';
import { backendMessage } from '../shared/backendMessage';
import {
  CalendarDate,
  addDays,
  browserTimeZone,
  dateIn,
  isoDate,
  mondayOf,
  sameDate,
  startOfDayIn,
} from '../shared/zonedTime';
import {
  countOf,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatTimeOfDay,
  formatZonedDate,
} from '../shared/format';
import { MessagesPanel } from '../shared/MessagesPanel';
import {
  notAllowedText,
  useRotaPermissions,
} from '../shared/useRotaPermissions';

const DAY = 24 * 60 * 60 * 1000;
const WEEKS = 5;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const useStyles = makeStyles(theme => ({
  table: {
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
  },
  weekday: {
    ...theme.typography.overline,
    color: theme.palette.text.secondary,
    textAlign: 'left',
    padding: theme.spacing(0.5, 1),
  },
  day: {
    verticalAlign: 'top',
    border: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(0.5, 1, 1),
    height: '6.5rem',
  },
  today: {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: -2,
  },
  dayNumber: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  todayLabel: { color: theme.palette.primary.main, fontWeight: 600 },
  entries: { listStyle: 'none', margin: 0, padding: 0 },
  entry: {
    ...theme.typography.body2,
    marginTop: theme.spacing(0.5),
    lineHeight: 1.3,
  },
  time: { color: theme.palette.text.secondary, fontSize: '0.75rem' },
  chip: { height: 18, fontSize: '0.7rem', marginLeft: theme.spacing(0.5) },
  inlineList: {
    display: 'inline',
    margin: 0,
    padding: 0,
    listStyle: 'none',
    '& li': { display: 'inline' },
    '& li + li::before': { content: '", "' },
  },
  overrides: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

interface Day {
  date: CalendarDate;
  start: Date;
  end: Date;
}

/** The weeks shown: rows of seven days, Monday first, each day bounded in the rota's time zone. */
function calendarWeeks(firstMonday: CalendarDate, timeZone: string): Day[][] {
  return Array.from({ length: WEEKS }, (_, week) =>
    Array.from({ length: 7 }, (__, weekday) => {
      const date = addDays(firstMonday, week * 7 + weekday);
      return {
        date,
        start: startOfDayIn(date, timeZone),
        end: startOfDayIn(addDays(date, 1), timeZone),
      };
    }),
  );
}

function overlaps(
  span: { start: string; end: string },
  from: Date,
  to: Date,
): boolean {
  return new Date(span.start) < to && new Date(span.end) > from;
}

/** `until 09:00`, `from 09:00`, `09:00–18:00`, or nothing for a shift covering the whole day. */
function shiftTimes(shift: Shift, day: Day, timeZone: string): string | null {
  const startsToday = new Date(shift.start) > day.start;
  const endsToday = new Date(shift.end) < day.end;
  const start = formatTimeOfDay(shift.start, timeZone);
  const end = formatTimeOfDay(shift.end, timeZone);
  if (startsToday && endsToday) return `${start}–${end}`;
  if (startsToday) return `from ${start}`;
  if (endsToday) return `until ${end}`;
  return null;
}

/** A person or machine that made a change: an entity ref links to the page, anything else is text. */
function Actor({ actor }: { actor: string }) {
  return /^[a-z0-9_-]+:[^/]+\/.+$/i.test(actor) ? (
    <EntityRefLink entityRef={actor} hideIcon />
  ) : (
    <>{actor}</>
  );
}

function DayCell({
  day,
  schedule,
  timeZone,
  isToday,
  showMonth,
}: {
  day: Day;
  schedule: RotaSchedule;
  timeZone: string;
  isToday: boolean;
  showMonth: boolean;
}) {
  const classes = useStyles();
  const shifts = schedule.shifts.filter(s => overlaps(s, day.start, day.end));
  const label = formatCalendarDate(day.date);
  const className = isToday ? `${classes.day} ${classes.today}` : classes.day;
  return (
    <td
      className={className}
      aria-current={isToday ? 'date' : undefined}
      data-testid={`day-${isoDate(day.date)}`}
    >
      <Box className={classes.dayNumber}>
        <span className={classes.visuallyHidden}>{label}</span>
        <Typography variant="caption" component="span" aria-hidden>
          {showMonth
            ? label.replace(/^\w+,? /, '').replace(/ \d{4}$/, '')
            : day.date.day}
        </Typography>
        {isToday && (
          <Typography
            variant="caption"
            component="span"
            className={classes.todayLabel}
          >
            Today
          </Typography>
        )}
      </Box>
      <ul className={classes.entries}>
        {shifts.map(shift => {
          const times = shiftTimes(shift, day, timeZone);
          return (
            <li
              key={`${shift.person}@${shift.start}`}
              className={classes.entry}
            >
              <EntityRefLink entityRef={shift.person} hideIcon disableTooltip />
              {shift.override && (
                <Chip
                  label="override"
                  size="small"
                  color="secondary"
                  className={classes.chip}
                />
              )}
              {times && (
                <>
                  {' '}
                  <span className={classes.time}>{times}</span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </td>
  );
}

function CalendarSubscription({ rotaRef }: { rotaRef: string }) {
  const api = useApi(operatingModelApiRef);
  const identityApi = useApi(identityApiRef);
  const [{ value: link, loading, error }, fetchLink] = useAsyncFn(
    () => api.getCalendarLink(rotaRef),
    [api, rotaRef],
  );
  // Resetting revokes every link issued for the signed-in person (this one, other rotas' and
  // their personal feed), for a link that was shared or a phone that was lost.
  const [
    { loading: resetting, error: resetError, value: resetDone },
    resetLinks,
  ] = useAsyncFn(async () => {
    const { userEntityRef } = await identityApi.getBackstageIdentity();
    await api.resetCalendarLinks(userEntityRef);
    await fetchLink();
    return true;
  }, [api, identityApi, fetchLink]);
  const url = link?.url;
  const webcal = url?.replace(/^https?:/, 'webcal:');
  const until = link ? formatDate(link.expiresAt) : '';
  return (
    <Box>
      <Button
        variant="outlined"
        size="small"
        onClick={fetchLink}
        disabled={loading}
      >
        Subscribe in your calendar
      </Button>
      {error && (
        <Box mt={1}>
          <ResponseErrorPanel
            error={error}
            title={`No calendar link: ${backendMessage(error)}`}
          />
        </Box>
      )}
      {link && url && (
        <Box mt={1}>
          <Typography variant="body2">
            Copy this address into your calendar app's “subscribe to calendar”
            (or “from URL”) option; it keeps itself up to date:
          </Typography>
          <Box display="flex" alignItems="center">
            <Typography
              variant="body2"
              component="code"
              style={{ wordBreak: 'break-all' }}
              data-testid="calendar-link"
            >
              {url}
            </Typography>
            <CopyTextButton text={url} aria-label="Copy the calendar address" />
          </Box>
          {webcal && webcal !== url && (
            <Typography variant="body2">
              On a phone, open <Link to={webcal}>the webcal: link</Link> to
              subscribe in one tap.
            </Typography>
          )}
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="calendar-link-validity"
          >
            The address is yours alone and works until {until}. If it was shared
            or a phone was lost, reset your links: every calendar address issued
            to you stops working.
          </Typography>
          <Button size="small" onClick={resetLinks} disabled={resetting}>
            Reset my calendar links
          </Button>
          {resetDone && !resetting && !resetError && (
            <Typography variant="body2" role="status">
              Your earlier calendar links no longer work; the address above is
              new.
            </Typography>
          )}
          {resetError && (
            <ResponseErrorPanel
              error={resetError}
              title={`Links not reset: ${backendMessage(resetError)}`}
            />
          )}
        </Box>
      )}
    </Box>
  );
}

export interface RotaCalendarProps {
  /** The Group (team rota) or Domain (out-of-hours rota). */
  rotaRef: string;
  /** The instant taken as now; for tests. */
  now?: Date;
  /** Shown above the participants, once the schedule is loaded. */
  header?: (schedule: RotaSchedule) => ReactNode;
}

/**
 * A rota as a calendar of five weeks from the Monday of last week, with who is on call each day,
 * overrides, the rota's problems, a calendar feed, and the overrides in view.
 */
export function RotaCalendar({
  rotaRef,
  now: nowProp,
  header,
}: RotaCalendarProps) {
  const api = useApi(operatingModelApiRef);
  const classes = useStyles();
  const [now] = useState(() => nowProp ?? new Date());
  const [page, setPage] = useState(0);
  const [adding, setAdding] = useState(false);
  const permissions = useRotaPermissions(rotaRef);
  const id = useId();

  // The rota's time zone is only known once it has loaded, so the window asked for is padded by
  // two days each side to hold the five weeks however that zone's days fall.
  const requestMonday = addDays(
    mondayOf(dateIn(now, browserTimeZone())),
    page * WEEKS * 7 - 7,
  );
  const requestFrom =
    Date.UTC(requestMonday.year, requestMonday.month - 1, requestMonday.day) -
    2 * DAY;
  const requestTo = requestFrom + (WEEKS * 7 + 4) * DAY;
  const {
    value: schedule,
    loading,
    error,
    retry,
  } = useAsyncRetry(
    () =>
      api.getSchedule(rotaRef, {
        from: new Date(requestFrom),
        to: new Date(requestTo),
      }),
    [api, rotaRef, requestFrom, requestTo],
  );

  const [removal, removeOverride] = useAsyncFn(
    async (override: Override) => {
      await api.removeOverride(rotaRef, override.id);
      retry();
    },
    [api, rotaRef, retry],
  );

  if (!schedule && loading) return <Progress />;
  if (!schedule && error) return <ResponseErrorPanel error={error} />;
  if (!schedule) return null;

  const timeZone = schedule.timezone;
  const today = dateIn(now, timeZone);
  const firstMonday = addDays(mondayOf(today), page * WEEKS * 7 - 7);
  const weeks = calendarWeeks(firstMonday, timeZone);
  const windowStart = weeks[0][0].start;
  const windowEnd = weeks[WEEKS - 1][6].end;
  const overrides = schedule.overrides
    .filter(o => overlaps(o, windowStart, windowEnd))
    .sort((a, b) => a.start.localeCompare(b.start));
  const cannotCreate =
    !permissions.create.loading && !permissions.create.allowed;
  const cannotRemove =
    !permissions.remove.loading && !permissions.remove.allowed;

  return (
    <Box>
      {header && <Box mb={2}>{header(schedule)}</Box>}

      <Box mb={2}>
        <Typography variant="body1" component="div">
          <strong>
            {schedule.kind === 'domain' ? 'Out-of-hours rota' : 'On the rota'}:
          </strong>{' '}
          {schedule.participants.length === 0 ? (
            'nobody yet'
          ) : (
            <ul className={classes.inlineList} aria-label="Participants">
              {schedule.participants.map(p => (
                <li key={p}>
                  <EntityRefLink entityRef={p} hideIcon />
                </li>
              ))}
            </ul>
          )}
          {schedule.optedOutCount > 0 && (
            <Typography variant="body2" component="span" color="textSecondary">
              {' '}
              ({schedule.optedOutCount} opted out)
            </Typography>
          )}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Times are in the rota's time zone, {timeZone}.
        </Typography>
      </Box>

      {schedule.problems.length > 0 && (
        <Box mb={2}>
          <MessagesPanel
            severity="warning"
            title={`${countOf(
              schedule.problems.length,
              'problem',
            )} with this rota`}
            messages={schedule.problems.map(p => ({
              key: `${p.code}:${p.message}`,
              text: p.message,
            }))}
          />
        </Box>
      )}

      <Box
        mb={2}
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        style={{ gap: 16 }}
      >
        <CalendarSubscription rotaRef={schedule.rotaRef} />
        <Box>
          <Button
            variant="outlined"
            size="small"
            color="primary"
            aria-expanded={adding && permissions.create.allowed}
            aria-describedby={cannotCreate ? `${id}-cannot-create` : undefined}
            disabled={!permissions.create.allowed}
            onClick={() => setAdding(a => !a)}
          >
            Add an override
          </Button>
          {cannotCreate && (
            <Typography
              id={`${id}-cannot-create`}
              variant="body2"
              color="textSecondary"
              style={{ maxWidth: '40rem' }}
            >
              {notAllowedText(
                'add overrides to',
                overrideCreatePermission.name,
              )}
            </Typography>
          )}
        </Box>
      </Box>

      {adding && permissions.create.allowed && (
        <Paper variant="outlined">
          <Box p={2} mb={2}>
            <OverrideForm
              rotaRef={schedule.rotaRef}
              people={schedule.participants}
              onCreated={() => {
                setAdding(false);
                retry();
              }}
              onCancel={() => setAdding(false)}
            />
          </Box>
        </Paper>
      )}

      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        mb={1}
      >
        <Button
          startIcon={<ChevronLeft />}
          onClick={() => setPage(p => p - 1)}
          disabled={loading}
        >
          Previous {WEEKS} weeks
        </Button>
        <Typography variant="subtitle1" component="h3">
          {formatZonedDate(windowStart, timeZone)} –{' '}
          {formatZonedDate(new Date(windowEnd.getTime() - 1), timeZone)}
          {page !== 0 && (
            <Button
              size="small"
              onClick={() => setPage(0)}
              style={{ marginLeft: 8 }}
            >
              Back to this week
            </Button>
          )}
        </Typography>
        <Button
          endIcon={<ChevronRight />}
          onClick={() => setPage(p => p + 1)}
          disabled={loading}
        >
          Next {WEEKS} weeks
        </Button>
      </Box>
      {loading && <LinearProgress />}
      {error && <ResponseErrorPanel error={error} />}

      <table className={classes.table} aria-label={`Rota for ${rotaRef}`}>
        <thead>
          <tr>
            {WEEKDAYS.map(d => (
              <th key={d} scope="col" className={classes.weekday}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={isoDate(week[0].date)}>
              {week.map((day, d) => (
                <DayCell
                  key={isoDate(day.date)}
                  day={day}
                  schedule={schedule}
                  timeZone={timeZone}
                  isToday={sameDate(day.date, today)}
                  showMonth={day.date.day === 1 || (w === 0 && d === 0)}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <Box mt={3}>
        <Typography variant="h6" component="h3">
          Overrides in these weeks
        </Typography>
        {removal.error && (
          <Box my={1}>
            <ResponseErrorPanel
              error={removal.error}
              title={`The override could not be removed: ${backendMessage(
                removal.error,
              )}`}
            />
          </Box>
        )}
        {overrides.length > 0 && cannotRemove && (
          <Typography variant="body2" color="textSecondary">
            {notAllowedText(
              'remove overrides from',
              overrideDeletePermission.name,
            )}
          </Typography>
        )}
        {overrides.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            None: everyone takes their turn as the rotation has it.
          </Typography>
        ) : (
          <ul className={classes.overrides} aria-label="Overrides">
            {overrides.map(o => (
              <li key={o.id}>
                <Typography variant="body2" component="span">
                  <EntityRefLink entityRef={o.person} hideIcon /> covers{' '}
                  {o.covers ? (
                    <EntityRefLink entityRef={o.covers} hideIcon />
                  ) : (
                    'the rota'
                  )}{' '}
                  from {formatDateTime(o.start, timeZone)} to{' '}
                  {formatDateTime(o.end, timeZone)}
                  {o.reason && <> ({o.reason})</>}. Added by{' '}
                  <Actor actor={o.createdBy} /> on{' '}
                  {formatDateTime(o.createdAt, timeZone)}.
                </Typography>{' '}
                {!cannotRemove && (
                  <Button
                    size="small"
                    onClick={() => removeOverride(o)}
                    disabled={removal.loading || !permissions.remove.allowed}
                    aria-label={`Remove the override from ${formatDateTime(
                      o.start,
                      timeZone,
                    )}`}
                  >
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Box>
    </Box>
  );
}
