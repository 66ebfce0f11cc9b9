import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The operating-model collator: one document per service with its owner and who is on call. */
      operatingModel?: {
        /** How often to index; default every 5 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Where a service's page is; default `/catalog/:namespace/:kind/:name`. */
        locationTemplate?: string;
      };
    };
  };
}
