import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  operatingModel?: {
    sources?: {
      /**
       * Incidents from PagerDuty's REST API, for every Component annotated with
       * `pagerduty.com/service-id`. Nothing is read unless this key and its `token` are set.
       */
      pagerduty?: {
        /** The REST API's address. Default `https://api.pagerduty.com`. */
        baseUrl?: string;
        /**
         * A PagerDuty REST API key; a read-only key is enough.
         *
         * @visibility secret
         */
        token?: string;
        /**
         * How far back the first sync of a service goes, in days. Default 365; at most 3650.
         */
        initialWindowDays?: number;
        /**
         * How often PagerDuty is read, in Backstage's task schedule form (read by the
         * operating-model backend). Default every 15 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
