import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { MessagesPanel } from '../shared/MessagesPanel';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { operatingModelTranslationRef } from '../../translation';

/**
 * The playbook's ownership rules for one service (one owning team; one service per database),
 * from its directory row. Shows nothing while loading, when all is well, or when the row cannot
 * be read: the card around it reports the service's own errors.
 */
export function OwnershipWarnings(props: { entityRef: string }) {
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  // Async, so an API without this method (an older client, a test double) rejects rather than throws.
  const { value } = useAsync(
    async () => api.getDirectoryService(props.entityRef),
    [api, props.entityRef],
  );
  const findings = value?.ownership ?? [];
  if (findings.length === 0) return null;
  return (
    <Box mt={2} data-testid="ownership-warnings">
      <MessagesPanel
        severity="warning"
        title={t('problems.ownership', { count: findings.length })}
        help={t('problems.ownershipHelp')}
        messages={findings.map(f => ({
          key: `${f.code}:${f.subject}`,
          text: f.message,
        }))}
      />
    </Box>
  );
}
