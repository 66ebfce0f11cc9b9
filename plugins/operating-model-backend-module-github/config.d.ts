export interface Config {
  operatingModel?: {
    sources?: {
      /**
       * Production deployments from GitHub's deployments API, for every Component with the
       * `github.com/project-slug` annotation. The source runs only when this key is present; its
       * credentials come from `integrations.github` (a token or a GitHub App), and its schedule
       * from `schedule`, as for every event source.
       */
      github?: {
        /**
         * The GitHub host whose `integrations.github` entry gives the API base URL and the
         * credentials: `github.com` (the default) or a GitHub Enterprise Server host.
         */
        host?: string;
        /**
         * The deployment environments that are production, read one by one. Default:
         * `[production]`.
         */
        productionEnvironments?: string[];
        /**
         * How many days back the first read of a repository goes. Default: 365.
         */
        initialWindowDays?: number;
      };
    };
  };
}
