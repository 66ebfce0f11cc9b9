export interface Config {
  /**
   * Settings of the operating-model plugins. The frontend reads them too, to
   * run the same rules in the onboarding form, so every key is visible there.
   * @visibility frontend
   */
  operatingModel?: {
    /**
     * ISO 4217 code of the currency every amount is in. Default GBP.
     * @visibility frontend
     */
    currency?: string;

    /**
     * Financial exposure bands, ascending. A service's exposure per hour falls
     * in the first band whose maxExposurePerHour is at least that exposure.
     * Default: 7000 → 95.0% (none), 250000 → 99.0% (domain), 800000 → 99.9% (team).
     * @visibility frontend
     */
    availabilityBands?: Array<{
      /**
       * The highest exposure per hour the band covers, as a number or text such as 250K or 1.5M.
       * @visibility frontend
       */
      maxExposurePerHour: number | string;
      /**
       * The availability target of the band, in percent, above 0 and below 100.
       * @visibility frontend
       */
      availability: number;
      /**
       * Who is on call out of hours for You Build It You Run It services in the band.
       * @visibility frontend
       */
      outOfHours: 'none' | 'domain' | 'team';
    }>;

    /**
     * Feature demand band (the value of the operating-model.io/feature-demand
     * annotation) → deployment frequency, lowest demand first. Band names are
     * lower-case words joined by hyphens. Default: low → monthly, medium →
     * fortnightly, high → weekly, very-high → daily.
     * @visibility frontend
     */
    featureDemandBands?: {
      /**
       * The name of a deployment frequency.
       * @visibility frontend
       */
      [band: string]: string;
    };

    /**
     * Deployment frequencies beyond or instead of the built-in ones, as
     * deployments per 30 days. Built in: monthly 1, fortnightly 30/14,
     * weekly 30/7, daily 30.
     * @visibility frontend
     */
    deploymentFrequencies?: {
      /**
       * Deployments per 30 days, above 0.
       * @visibility frontend
       */
      [frequency: string]: number;
    };

    /**
     * Peak business events, during which a service's peak financial exposure
     * selects its availability band.
     * @visibility frontend
     */
    peakEvents?: Array<{
      /**
       * For example Black Friday.
       * @visibility frontend
       */
      name: string;
      /**
       * ISO date-time the event starts, inclusive; without an offset it is
       * read in the working-hours time zone.
       * @visibility frontend
       */
      start: string;
      /**
       * ISO date-time the event ends, exclusive.
       * @visibility frontend
       */
      end: string;
    }>;

    /**
     * The organisation's working hours; a Group may override them with its
     * own annotations.
     * @visibility frontend
     */
    workingHours?: {
      /**
       * IANA time zone name. Default Europe/London.
       * @visibility frontend
       */
      timezone?: string;
      /**
       * Working days, such as Mon-Fri or Mon,Wed,Fri. Default Mon-Fri.
       * @visibility frontend
       */
      days?: string;
      /**
       * Start of the working day, HH:mm. Default 09:00.
       * @visibility frontend
       */
      start?: string;
      /**
       * End of the working day, HH:mm, after the start. Default 17:30.
       * @visibility frontend
       */
      end?: string;
    };

    /**
     * Days (yyyy-MM-dd) that are out of hours all day.
     * @visibility frontend
     */
    holidays?: string[];

    /**
     * How on-call rotas are run.
     * @visibility frontend
     */
    onCall?: {
      /**
       * Fewer people than this on a rota is a limited on-call schedule. Default 3.
       * @visibility frontend
       */
      minimumParticipants?: number;
      /**
       * Length of one shift, such as 1w, 3d or 12h. Default 1w.
       * @visibility frontend
       */
      rotation?: string;
      /**
       * When one shift hands over to the next, such as Mon 09:00. Default Mon 09:00.
       * @visibility frontend
       */
      handoff?: string;
      /**
       * How people on call are paid, for the run cost figures.
       * @visibility frontend
       */
      remuneration?: {
        /**
         * Default standby-and-callout.
         * @visibility frontend
         */
        model?: 'standby-and-callout' | 'standby-only';
        /**
         * Paid per person per week of standby. Default 350.
         * @visibility frontend
         */
        standbyPerWeek?: number | string;
        /**
         * Paid per hour of callout, under standby-and-callout. Default 60.
         * @visibility frontend
         */
        calloutPerHour?: number | string;
      };
      /**
       * The fair-load report (hours on call and pay per person per quarter).
       * @visibility frontend
       */
      fairLoad?: {
        /**
         * People more than this share above their rota's average hours on call are flagged.
         * Default 0.25 (a quarter above).
         * @visibility frontend
         */
        flagAbove?: number | string;
      };
      /**
       * Who funds a team's on-call when its Group has no operating-model.io/budget-holder
       * annotation. Unset: not known, and reported as such.
       * @visibility frontend
       */
      budgetHolder?:
        | 'head-of-product'
        | 'head-of-delivery'
        | 'head-of-operations';
    };

    /**
     * Thresholds of money lost in an incident, so far or per hour, that make
     * it major or minor.
     * @visibility frontend
     */
    incidentLoss?: {
      /**
       * At or above this an incident is major. Default 50000.
       * @visibility frontend
       */
      majorFrom?: number | string;
      /**
       * At or above this, and below majorFrom, restore by the next working day. Default 5000.
       * @visibility frontend
       */
      minorFrom?: number | string;
    };

    /**
     * Date (yyyy-MM-dd) the availability bands were last reviewed; more than a
     * quarter ago is flagged to leaders.
     * @visibility frontend
     */
    bandsLastReviewed?: string;
    /**
     * How often, in seconds, the backend re-reads the catalog to keep its assessments fresh.
     * Default 30.
     */
    refreshIntervalSeconds?: number;
    catalog?: {
      /**
       * `warn` (default): annotation problems are shown on the card, in the directory and in the
       * problems view, and the catalog keeps the entity. `error`: the catalog module also reports
       * them as processing errors, and the catalog then refuses the entity (a new one never
       * appears; an existing one stays on its last good version) until they are fixed.
       */
      annotationProblems?: 'warn' | 'error';
    };
    access?: {
      /**
       * Subjects of service principals that may change rotas, such as `plugin:scaffolder` or
       * `external:rota-sync` (a static token's subject). Every other service principal is refused.
       */
      rotaChangeServices?: string[];
    };
    calendarFeeds?: {
      /** Days a calendar feed link works after it is issued. Default 365. */
      linkLifetimeDays?: number;
      /**
       * Signs calendar feed links (at least 32 characters). Without it a secret is made and kept in
       * the plugin's database, which an in-memory database loses on restart.
       * @visibility secret
       */
      signingSecret?: string;
    };
  };
}
