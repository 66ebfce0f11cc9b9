export interface Config {
  operatingModel?: {
    sources?: {
      /** The Prometheus event source: availability from request counters. */
      prometheus?: {
        /** The Prometheus server (or a proxy in front of it), such as http://prometheus:9090. */
        baseUrl: string;
        /** The length of each availability interval, a Prometheus duration from 1s to 1d. Default 1h. */
        step?: string;
        /** How many days the first run reads back. Default 30. */
        initialWindowDays?: number;
        /**
         * A selector of the good-requests counter for Components without the
         * `operating-model.io/prometheus-good` annotation; `{{name}}` and `{{namespace}}` are the
         * Component's. Give it with totalTemplate.
         */
        goodTemplate?: string;
        /** As goodTemplate, for all requests. */
        totalTemplate?: string;
        /**
         * Headers sent with every query, for an auth proxy in front of Prometheus.
         * @visibility secret
         */
        headers?: { [name: string]: string };
      };
    };
  };
}
