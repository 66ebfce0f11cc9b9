import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  operatingModel?: {
    /**
     * Event sources added by backend modules (`pagerduty`, `github`, `prometheus`, ...), by id.
     * A source runs only when its key is here; each module documents its own settings.
     */
    sources?: {
      [id: string]: {
        /**
         * How often the source is read, in Backstage's task schedule form. Default: every 15
         * minutes, with a 10 minute timeout and a 30 second initial delay. One replica runs it
         * at a time.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
