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

  // A Domain's rota is headed by the teams it draws from; the calendar lists who is on either
  // rota, once (a Group's header said "On the rota" a second time above it).
  const header = isDomain
    ? (schedule: RotaSchedule) => (
        <Typography variant="body1" data-testid="rota-header">
          <strong>{t('rotaContent.memberTeams')}</strong>{' '}
          {schedule.teams.length > 0 ? (
            <EntityRefLinks entityRefs={schedule.teams} hideIcons />
          ) : (
            t('rotaContent.noMemberTeams')
          )}
        </Typography>
      )
    : undefined;

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
