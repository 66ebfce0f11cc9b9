import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import {
  Override,
  overrideCreatePermission,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ChangeEvent, FormEvent, useId, useState } from 'react';
import { operatingModelApiRef } from '../../api';
import { backendMessage, backendStatus } from '../shared/backendMessage';
import { browserTimeZone, instantOfLocalTime } from '../shared/zonedTime';
import {
  notAllowedText,
  useRotaPermissions,
} from '../shared/useRotaPermissions';
import { capitalise } from '../shared/format';
import {
  OperatingModelTranslation,
  operatingModelTranslationRef,
} from '../../translation';

const FIELDS = ['person', 'covers', 'start', 'end', 'reason'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;
type FieldErrors = Partial<Record<Field, string>>;

const EMPTY: Values = {
  person: '',
  covers: '',
  start: '',
  end: '',
  reason: '',
};

/**
 * Reads a backend 400 such as `end: the override must end after it starts` into the field it
 * names and the rest of the message; null when it names none of the form's fields.
 */
export function fieldOfMessage(
  message: string,
): { field: Field; message: string } | null {
  const match = /^([a-z]+):\s*([\s\S]+)$/.exec(message);
  if (!match || !(FIELDS as readonly string[]).includes(match[1])) return null;
  const text = match[2];
  // Capitalised as a sentence, unless it opens with an entity ref such as `user:default/zed`.
  const sentence = /^[^\s:]+:/.test(text) ? text : capitalise(text);
  return { field: match[1] as Field, message: sentence };
}

function checkLocally(
  values: Values,
  t: OperatingModelTranslation,
  zone: string,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.person) errors.person = t('overrideForm.errors.person');
  const start = instantOfLocalTime(values.start, zone);
  const end = instantOfLocalTime(values.end, zone);
  if (!start) errors.start = t('overrideForm.errors.start');
  if (!end) errors.end = t('overrideForm.errors.end');
  else if (start && end <= start)
    errors.end = t('overrideForm.errors.endBeforeStart');
  if (values.covers && values.covers === values.person) {
    errors.covers = t('overrideForm.errors.coversSelf');
  }
  return errors;
}

const useStyles = makeStyles(theme => ({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))',
    gap: theme.spacing(2),
  },
  reason: { gridColumn: '1 / -1' },
}));

export interface OverrideFormProps {
  /** The Group or Domain whose rota the override changes. */
  rotaRef: string;
  /** The user refs to choose from, shown by name. */
  people: string[];
  onCreated?: (override: Override) => void;
  onCancel?: () => void;
  /** The rota's time zone, in which the calendar beside the form shows times; else the browser's. */
  timeZone?: string;
}

/**
 * A form to have someone cover a span of a rota. Times are read in the rota's time zone, as the
 * calendar shows them; where the viewer's differs, each field says the time in theirs too.
 */
export function OverrideForm({
  rotaRef,
  people,
  onCreated,
  onCancel,
  timeZone,
}: OverrideFormProps) {
  const api = useApi(operatingModelApiRef);
  const classes = useStyles();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const id = useId();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const yours = browserTimeZone();
  const zone = timeZone ?? yours;
  const instant = (text: string) => instantOfLocalTime(text, zone);
  const help = (text: string) => {
    const at = instant(text);
    if (zone === yours || !at) return t('overrideForm.zoneHelp', { zone });
    return t('overrideForm.zoneHelpWithYours', {
      zone,
      yours,
      time: at.toLocaleString(undefined, {
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: yours,
      }),
    });
  };
  const { create: permission } = useRotaPermissions(rotaRef);

  const change = (field: Field) => (event: ChangeEvent<{ value: unknown }>) => {
    const value = String(event.target.value ?? '');
    setValues(v => ({ ...v, [field]: value }));
    setErrors(e => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const local = checkLocally(values, t, zone);
    setErrors(local);
    if (Object.keys(local).length > 0) return;

    setSubmitting(true);
    try {
      const created = await api.addOverride(rotaRef, {
        person: values.person,
        covers: values.covers || null,
        // `datetime-local` values carry no zone: they are read in the rota's (checked above).
        start: instant(values.start)!.toISOString(),
        end: instant(values.end)!.toISOString(),
        reason: values.reason.trim() || undefined,
      });
      setSubmitting(false);
      setValues(EMPTY);
      onCreated?.(created);
    } catch (e) {
      setSubmitting(false);
      const error = e as Error;
      const message = backendMessage(error);
      const named =
        backendStatus(error) === 400 ? fieldOfMessage(message) : null;
      if (named) setErrors({ [named.field]: named.message });
      else setFormError(message);
    }
  };

  if (!permission.loading && !permission.allowed) {
    return (
      <Alert severity="info">
        {notAllowedText(
          t('rotaCalendar.actions.addTo'),
          overrideCreatePermission.name,
          t,
        )}
      </Alert>
    );
  }

  const personItems = people.map(ref => (
    <MenuItem key={ref} value={ref}>
      <EntityDisplayName entityRef={ref} hideIcon disableTooltip />
    </MenuItem>
  ));

  return (
    <form noValidate onSubmit={submit} aria-label={t('overrideForm.label')}>
      <Box className={classes.fields}>
        <TextField
          id={`${id}-person`}
          select
          required
          label={t('overrideForm.person')}
          value={values.person}
          onChange={change('person')}
          error={!!errors.person}
          helperText={errors.person}
          variant="outlined"
          size="small"
        >
          {personItems}
        </TextField>
        <TextField
          id={`${id}-covers`}
          select
          label={t('overrideForm.covers')}
          value={values.covers}
          onChange={change('covers')}
          error={!!errors.covers}
          helperText={errors.covers ?? t('overrideForm.coversHelp')}
          variant="outlined"
          size="small"
        >
          <MenuItem value="">
            <em>{t('overrideForm.whoeverIsOn')}</em>
          </MenuItem>
          {personItems}
        </TextField>
        <TextField
          id={`${id}-start`}
          type="datetime-local"
          required
          label={t('overrideForm.start')}
          value={values.start}
          onChange={change('start')}
          error={!!errors.start}
          helperText={errors.start ?? help(values.start)}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          size="small"
        />
        <TextField
          id={`${id}-end`}
          type="datetime-local"
          required
          label={t('overrideForm.end')}
          value={values.end}
          onChange={change('end')}
          error={!!errors.end}
          helperText={errors.end ?? help(values.end)}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          size="small"
        />
        <TextField
          id={`${id}-reason`}
          className={classes.reason}
          label={t('overrideForm.reason')}
          value={values.reason}
          onChange={change('reason')}
          error={!!errors.reason}
          helperText={errors.reason ?? t('overrideForm.reasonHelp')}
          inputProps={{ maxLength: 500 }}
          variant="outlined"
          size="small"
        />
      </Box>
      {formError && (
        <Box mt={2}>
          <Alert severity="error">{formError}</Alert>
        </Box>
      )}
      <Box mt={2} display="flex" style={{ gap: 8 }}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={submitting || !permission.allowed}
        >
          {t('overrideForm.submit')}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={submitting}>
            {t('overrideForm.cancel')}
          </Button>
        )}
      </Box>
    </form>
  );
}
