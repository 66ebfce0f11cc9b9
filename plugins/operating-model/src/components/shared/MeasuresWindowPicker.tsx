import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** The windows the measures screens offer, in days. */
export const MEASURES_WINDOW_DAYS = [30, 90, 365] as const;
export type MeasuresWindowDays = (typeof MEASURES_WINDOW_DAYS)[number];

/** The window of `days` days that ends at `end`. */
export function measuresWindowEnding(
  end: Date,
  days: number,
): { from: Date; to: Date } {
  return { from: new Date(end.getTime() - days * 86_400_000), to: end };
}

/** "Last 30 days", "Last 90 days", "Last 365 days". */
export function MeasuresWindowPicker(props: {
  days: MeasuresWindowDays;
  onChange: (days: MeasuresWindowDays) => void;
}) {
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
      <InputLabel id="measures-window-label">Window</InputLabel>
      <Select
        labelId="measures-window-label"
        label="Window"
        value={props.days}
        onChange={event =>
          props.onChange(Number(event.target.value) as MeasuresWindowDays)
        }
        inputProps={{ 'aria-label': 'Window' }}
      >
        {MEASURES_WINDOW_DAYS.map(days => (
          <MenuItem key={days} value={days}>
            Last {days} days
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
