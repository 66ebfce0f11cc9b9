import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * A list of plain-words messages (annotation problems, warnings, rota problems) in Backstage's
 * warning panel, open by default so nobody has to click to see what is wrong.
 */
export function MessagesPanel(props: {
  severity: 'error' | 'warning' | 'info';
  title: string;
  /** What the messages are about and how to fix them, in a sentence above them. */
  help?: string;
  messages: Array<{ key: string; text: string }>;
}) {
  if (props.messages.length === 0) return null;
  return (
    <WarningPanel severity={props.severity} title={props.title} defaultExpanded>
      {props.help && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {props.help}
        </Typography>
      )}
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {props.messages.map(m => (
          <li key={m.key}>
            <Typography variant="body2">{m.text}</Typography>
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
