import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { webAddress } from './webAddress';

/**
 * A link to a stored address (runbook, incident channel, review) when it is an http: or https:
 * URL; otherwise its text without a link, saying so, so that the address is not lost from view
 * but cannot run anything.
 */
export function WebLink(props: {
  url: string | null | undefined;
  children: ReactNode;
}) {
  const href = webAddress(props.url);
  if (href) return <Link to={href}>{props.children}</Link>;
  return (
    <Typography
      variant="inherit"
      component="span"
      color="textSecondary"
      title={`Not linked: ${props.url ?? ''}`}
    >
      {props.children} (not a web link)
    </Typography>
  );
}
