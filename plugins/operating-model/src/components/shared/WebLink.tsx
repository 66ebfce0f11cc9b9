import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ReactNode } from 'react';
import { operatingModelTranslationRef } from '../../translation';
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
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const href = webAddress(props.url);
  if (href) return <Link to={href}>{props.children}</Link>;
  return (
    <Typography
      variant="inherit"
      component="span"
      color="textSecondary"
      title={t('webLink.notLinked', { url: props.url ?? '' })}
    >
      {t('webLink.notAWebLink', { text: <>{props.children}</> })}
    </Typography>
  );
}
