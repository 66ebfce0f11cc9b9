import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  ServiceMatchReason,
  rankServiceMatches,
} from '@operating-model/backstage-plugin-operating-model-common';
import { useRef } from 'react';
import { AssessedService } from '../../api';
import { operatingModelTranslationRef } from '../../translation';

const REASONS: Record<ServiceMatchReason, string> = {
  name: 'its name',
  'name-start': 'its name',
  'word-start': 'its name',
  'name-contains': 'its name',
  owner: 'its owning team',
  'owner-start': 'its owning team',
  'owner-contains': 'its owning team',
  ref: 'its entity ref',
};

const pickable = (s: AssessedService) => ({
  entityRef: s.entityRef,
  title: s.titles.service,
  ownerTitle: s.titles.owner,
});

/**
 * A service picker: what was typed matches names first (exactly, then from the start, then
 * anywhere), then owning teams, then entity refs; each option shows its owner and what matched.
 */
export function ServicePicker(props: {
  services: AssessedService[] | undefined;
  loading: boolean;
  value: AssessedService | null;
  onChange: (service: AssessedService | null) => void;
  placeholder: string;
}) {
  // Why each option shown matched, from the last ranking, for the option's second line.
  const reasons = useRef(new Map<string, ServiceMatchReason | null>());
  const { t } = useTranslationRef(operatingModelTranslationRef);
  return (
    <Autocomplete
      options={props.services ?? []}
      loading={props.loading}
      noOptionsText={
        props.services?.length === 0
          ? t('emptyStates.noServices')
          : t('emptyStates.noServiceMatches')
      }
      value={props.value}
      onChange={(_, value) => props.onChange(value)}
      getOptionLabel={s => s.titles.service}
      getOptionSelected={(a, b) => a.entityRef === b.entityRef}
      filterOptions={(options, state) => {
        const matches = rankServiceMatches(options, state.inputValue, pickable);
        reasons.current = new Map(
          matches.map(m => [m.item.entityRef, m.reason]),
        );
        return matches.map(m => m.item);
      }}
      renderOption={s => {
        const reason = reasons.current.get(s.entityRef);
        return (
          <Box>
            <Typography variant="body1">{s.titles.service}</Typography>
            <Typography variant="caption" color="textSecondary">
              {s.titles.owner ?? 'No owner'}
              {reason ? ` · matched ${REASONS[reason]}` : ''}
              {reason === 'ref' ? ` (${s.entityRef})` : ''}
            </Typography>
          </Box>
        );
      }}
      renderInput={params => (
        <TextField
          {...params}
          label="Service"
          placeholder={props.placeholder}
          variant="outlined"
        />
      )}
    />
  );
}
