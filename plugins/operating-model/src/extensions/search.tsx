import { SearchFilterResultTypeBlueprint } from '@backstage/plugin-search-react/alpha';
import TrafficIcon from '@material-ui/icons/Traffic';
import { OPERATING_MODEL_SERVICE_DOCUMENT_TYPE } from '@operating-model/backstage-plugin-operating-model-common';

/**
 * `search-filter-result-type:operating-model`: the search page's result type filter offers the
 * services the operating-model collator indexes (who owns each, who is on call), beside the
 * catalog's own entities, by the collator's document type.
 */
export const operatingModelSearchResultType =
  SearchFilterResultTypeBlueprint.make({
    params: {
      value: OPERATING_MODEL_SERVICE_DOCUMENT_TYPE,
      name: 'Operating model',
      icon: <TrafficIcon />,
    },
  });
