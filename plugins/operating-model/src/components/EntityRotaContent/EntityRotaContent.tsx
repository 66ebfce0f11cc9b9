import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { RotaSchedule } from '../../api';
import { RotaCalendar } from '../RotaCalendar';
import { operatingModelTranslationRef } from '../../translation';

/**
 * The On call tab of a Group (its team rota) or a Domain (its out-of-hours rota): who the rota
 * draws from, then the rota as a calendar with its overrides.
 *
 * @public
 */
export function EntityRotaContent(props: { now?: Date }) {
  const { entity } = useEntity();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const rotaRef = stringifyEntityRef(entity);
  const isDomain = entity.kind.toLocaleLowerCase('en-US') === 'domain';

  const header = (schedule: RotaSchedule) => (
    <Typography variant="body1" data-testid="rota-header">
      {isDomain ? (
        <>
          <strong>{t('rotaContent.memberTeams')}</strong>{' '}
          {schedule.teams.length > 0 ? (
            <EntityRefLinks entityRefs={schedule.teams} hideIcons />
          ) : (
            t('rotaContent.noMemberTeams')
          )}
        </>
      ) : (
        // Only the rota's own people are listed, never the team beside them: who opted out of
        // on-call is the person's own business, and the rota only counts it.
        <>
          <strong>{t('rotaContent.onTheRota')}</strong>{' '}
          {schedule.participants.length > 0 ? (
            <EntityRefLinks entityRefs={schedule.participants} hideIcons />
          ) : (
            t('rotaContent.nobodyYet')
          )}
        </>
      )}
    </Typography>
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={
            isDomain ? t('rotaContent.domainTitle') : t('rotaContent.teamTitle')
          }
        >
          <RotaCalendar rotaRef={rotaRef} now={props.now} header={header} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
