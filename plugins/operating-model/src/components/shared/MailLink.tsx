import MuiLink from '@material-ui/core/Link';

/** A plain `mailto:` link: the core Link would open it in a new window, as if it were a site. */
export function MailLink({ email }: { email: string }) {
  return <MuiLink href={`mailto:${email}`}>{email}</MuiLink>;
}
