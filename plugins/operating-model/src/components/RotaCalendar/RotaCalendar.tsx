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
  rotaPagesWhen,
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
  formatCalendarDate,
  formatCalendarDayMonth,
  weekdayNames,
  formatDate,
  formatDateTime,
  formatTimeOfDay,
  formatZonedDate,
} from '../shared/format';
import {
  OperatingModelTranslation,
  operatingModelTranslationRef,
} from '../../translation';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { MessagesPanel } from '../shared/MessagesPanel';
import {
  notAllowedText,
  useRotaPermissions,
} from '../shared/useRotaPermissions';

const DAY = 24 * 60 * 60 * 1000;
const WEEKS = 5;
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
function shiftTimes(
  shift: Shift,
  day: Day,
  timeZone: string,
  t: OperatingModelTranslation,
): string | null {
  const startsToday = new Date(shift.start) > day.start;
  const endsToday = new Date(shift.end) < day.end;
  const start = formatTimeOfDay(shift.start, timeZone);
  const end = formatTimeOfDay(shift.end, timeZone);
  if (startsToday && endsToday)
    return t('rotaCalendar.shiftSpan', { start, end });
  if (startsToday) return t('rotaCalendar.shiftFrom', { start });
  if (endsToday) return t('rotaCalendar.shiftUntil', { end });
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
  const { t } = useTranslationRef(operatingModelTranslationRef);
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
          {showMonth ? formatCalendarDayMonth(day.date) : day.date.day}
        </Typography>
        {isToday && (
          <Typography
            variant="caption"
            component="span"
            className={classes.todayLabel}
          >
            {t('rotaCalendar.today')}
          </Typography>
        )}
      </Box>
      <ul className={classes.entries}>
        {shifts.map(shift => {
          const times = shiftTimes(shift, day, timeZone, t);
          return (
            <li
              key={`${shift.person}@${shift.start}`}
              className={classes.entry}
            >
              <EntityRefLink entityRef={shift.person} hideIcon disableTooltip />
              {shift.override && (
                <Chip
                  label={t('rotaCalendar.override')}
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
  const { t } = useTranslationRef(operatingModelTranslationRef);
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
        {t('calendarFeed.subscribe')}
      </Button>
      {error && (
        <Box mt={1}>
          <ResponseErrorPanel
            error={error}
            title={t('calendarFeed.noLink', { message: backendMessage(error) })}
          />
        </Box>
      )}
      {link && url && (
        <Box mt={1}>
          <Typography variant="body2">
            {t('calendarFeed.instructions')}
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
            <CopyTextButton text={url} aria-label={t('calendarFeed.copy')} />
          </Box>
          {webcal && webcal !== url && (
            <Typography variant="body2">
              {t('calendarFeed.phone', {
                link: <Link to={webcal}>{t('calendarFeed.webcalLink')}</Link>,
              })}
            </Typography>
          )}
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="calendar-link-validity"
          >
            {t('calendarFeed.validity', { until })}
          </Typography>
          <Button size="small" onClick={resetLinks} disabled={resetting}>
            {t('calendarFeed.reset')}
          </Button>
          {resetDone && !resetting && !resetError && (
            <Typography variant="body2" role="status">
              {t('calendarFeed.resetDone')}
            </Typography>
          )}
          {resetError && (
            <ResponseErrorPanel
              error={resetError}
              title={t('calendarFeed.notReset', {
                message: backendMessage(resetError),
              })}
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
  const { t } = useTranslationRef(operatingModelTranslationRef);
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
        <Typography
          variant="body1"
          component="div"
          data-testid="rota-participants"
        >
          {/* Only the rota's own people, never the whole team: who opted out of on-call is the
              person's own business, and the rota only counts it. */}
          <strong>
            {schedule.kind === 'domain'
              ? t('rotaCalendar.domainRota')
              : t('rotaCalendar.teamRota')}
          </strong>{' '}
          {schedule.participants.length === 0 ? (
            t('rotaCalendar.nobodyYet')
          ) : (
            <ul
              className={classes.inlineList}
              aria-label={t('rotaCalendar.participants')}
            >
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
              {t('rotaCalendar.optedOut', {
                count: schedule.optedOutCount,
              })}
            </Typography>
          )}
        </Typography>
        {schedule.participants.length === 0 && (
          <Typography variant="body2" data-testid="rota-empty">
            {schedule.kind === 'domain'
              ? t('onCallCard.emptyDomainRota')
              : t('onCallCard.emptyTeamRota')}
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary">
          {t('rotaCalendar.timeZone', { zone: timeZone })}{' '}
          {/* A working-hours team's names on a weekend are its shifts, not who is paged then. */}
          <span data-testid="rota-pages-when">
            {t('rotaCalendar.pagesWhen', {
              when: rotaPagesWhen(schedule.kind),
            })}
          </span>
        </Typography>
      </Box>

      {schedule.problems.length > 0 && (
        <Box mb={2}>
          <MessagesPanel
            severity="warning"
            title={t('problems.rota', {
              count: schedule.problems.length,
            })}
            help={t('problems.rotaHelp')}
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
            {t('rotaCalendar.addOverride')}
          </Button>
          {cannotCreate && (
            <Typography
              id={`${id}-cannot-create`}
              variant="body2"
              color="textSecondary"
              style={{ maxWidth: '40rem' }}
            >
              {notAllowedText(
                t('rotaCalendar.actions.addTo'),
                overrideCreatePermission.name,
                t,
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
              timeZone={schedule.timezone}
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
          {t('rotaCalendar.previousWeeks', { count: WEEKS })}
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
              {t('rotaCalendar.thisWeek')}
            </Button>
          )}
        </Typography>
        <Button
          endIcon={<ChevronRight />}
          onClick={() => setPage(p => p + 1)}
          disabled={loading}
        >
          {t('rotaCalendar.nextWeeks', { count: WEEKS })}
        </Button>
      </Box>
      {loading && <LinearProgress />}
      {error && <ResponseErrorPanel error={error} />}

      <table
        className={classes.table}
        aria-label={t('rotaCalendar.tableLabel', { rota: rotaRef })}
      >
        <thead>
          <tr>
            {weekdayNames().map(d => (
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
          {t('rotaCalendar.overridesTitle')}
        </Typography>
        {removal.error && (
          <Box my={1}>
            <ResponseErrorPanel
              error={removal.error}
              title={t('rotaCalendar.notRemoved', {
                message: backendMessage(removal.error),
              })}
            />
          </Box>
        )}
        {overrides.length > 0 && cannotRemove && (
          <Typography variant="body2" color="textSecondary">
            {notAllowedText(
              t('rotaCalendar.actions.removeFrom'),
              overrideDeletePermission.name,
              t,
            )}
          </Typography>
        )}
        {overrides.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('rotaCalendar.noOverrides')}
          </Typography>
        ) : (
          <ul
            className={classes.overrides}
            aria-label={t('rotaCalendar.overridesLabel')}
          >
            {overrides.map(o => (
              <li key={o.id}>
                <Typography variant="body2" component="span">
                  {t('rotaCalendar.overrideText', {
                    person: <EntityRefLink entityRef={o.person} hideIcon />,
                    covers: o.covers ? (
                      <EntityRefLink entityRef={o.covers} hideIcon />
                    ) : (
                      <>{t('rotaCalendar.theRota')}</>
                    ),
                    start: formatDateTime(o.start, timeZone),
                    end: formatDateTime(o.end, timeZone),
                    reason: o.reason
                      ? t('rotaCalendar.overrideReason', { reason: o.reason })
                      : '',
                    actor: <Actor actor={o.createdBy} />,
                    created: formatDateTime(o.createdAt, timeZone),
                  })}
                </Typography>{' '}
                {!cannotRemove && (
                  <Button
                    size="small"
                    onClick={() => removeOverride(o)}
                    disabled={removal.loading || !permissions.remove.allowed}
                    aria-label={t('rotaCalendar.removeLabel', {
                      start: formatDateTime(o.start, timeZone),
                    })}
                  >
                    {t('rotaCalendar.remove')}
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
