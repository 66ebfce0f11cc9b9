import {
  TranslationFunction,
  createTranslationRef,
} from '@backstage/frontend-plugin-api';

/**
 * The plugin's user-visible strings, in English. An app overrides them or adds a language with
 * `createTranslationMessages` / `createTranslationResource` and `TranslationBlueprint`; keys are
 * grouped by the screen they appear on.
 *
 * @public
 */
export const operatingModelTranslationRef = createTranslationRef({
  id: 'operating-model',
  messages: {
    page: {
      title: 'Operating model',
      subtitle:
        'Who runs each service in production, and the targets that decide it',
      tabsLabel: 'Operating model views',
      tabs: {
        directory: 'Teams and services',
        selector: 'Selector and on call',
        leaders: 'Leaders’ view',
        pitfalls: 'Pitfalls',
        cost: 'On-call cost',
        load: 'Fair load and pay',
        incidentLoss: 'Incident loss',
        onboarding: 'Onboard a service',
        problems: 'Annotation problems',
        sources: 'Data sources',
      },
      directory: {
        title: 'Every team and service',
        help: 'Search as you type across services, teams, domains and people; filter; see who owns each service, who is on call now, and how it does against its targets.',
      },
      selector: {
        whoIsPagedTitle: 'Who is paged for…',
        title: 'Operating model selector',
        help: 'Each service is placed by its feature demand and the availability target its financial exposure sets. Hover a point for its targets; click it to open the service.',
        configError: 'The operatingModel configuration cannot be read',
        emptyTitle: 'No services assessed yet',
        emptyDescription:
          'Components of type service, or with operating-model.io annotations, appear here once the catalog has them.',
      },
      leaders: {
        title: 'Measures by team and domain',
        help: "The playbook's measures of deployment throughput, service reliability and learning culture for every team or domain, over a window. Sort by any column; download what you see as CSV.",
      },
      pitfalls: {
        title: 'Pitfalls',
        help: "The playbook's pitfalls the organisation shows signs of, with the teams and services, the evidence, and the practice that avoids each; then the quarterly reflection on the bands.",
      },
      cost: {
        title: 'On-call cost',
        help: 'Standby and callout cost of every out-of-hours rota, who funds it, and what every service having its own team rota would cost instead.',
      },
      load: {
        title: 'Fair load and pay',
        help: 'Per person and rota this quarter: hours on call in and out of working hours, out-of-hours callouts, standby and callout pay under operatingModel.onCall.remuneration, and how far each person is from their rota’s average (flagged above operatingModel.onCall.fairLoad.flagAbove). Opted-out people are counted, never named.',
      },
      incidentLoss: {
        title: 'How bad is this incident?',
        help: 'Choose the service, the journey impact, security or not, and minutes so far: the loss category decides how fast availability must be restored.',
      },
      onboarding: {
        title: 'Onboard a service',
        help: 'Answer the non-technical questions and see the targets, operating model, on-call level and domain siblings the rules give, with the catalog-info.yaml to commit. The same form is a Scaffolder template.',
      },
      problems: {
        title: 'Annotation problems',
        help: 'Every operating-model.io annotation the rules cannot read, or that is missing, by the team that owns the service: the value as written, what is wrong, and the line to write in catalog-info.yaml instead.',
      },
      sources: {
        title: 'Data sources',
        help: 'The event sources that backend modules add: the kinds of event each reads, whether it is on, when it runs, how its last runs went, and the Components it could not map to the tool it reads.',
      },
    },
    directoryPage: {
      title: 'Who owns what',
    },
    entityContent: {
      onCall: { title: 'On call' },
      measures: { title: 'Measures' },
    },
    serviceCard: {
      title: 'Operating model',
      recommendedModel: 'Recommended model',
      declaredModel: 'Declared model',
      differs: ' — differs from the recommendation',
      readiness: 'Readiness',
      availabilityTarget: 'Availability target',
      tolerableUnavailability: '(tolerable unavailability {{duration}} a week)',
      financialExposure: 'Financial exposure',
      perHour: '{{amount}} an hour',
      deploymentTarget: 'Deployment target',
      featureDemand: ' ({{demand}} feature demand)',
      workingHours: 'On call in working hours',
      owningTeam: 'The owning team',
      outOfHours: 'On call out of hours',
      peakEvent: 'Peak event',
      noPeak: 'None configured ahead',
      peakActive: 'on now, ',
      peakText: '{{name}} ({{active}}{{dates}}): {{effect}}',
      peakNoExposure: 'no peak exposure declared, so the target stays the same',
      peakEffect: 'peak exposure {{amount}} an hour: {{target}} while it lasts',
      duringIncident: 'During an incident',
      runbook: 'Runbook',
      incidentChannel: 'Incident channel',
      warnings_one: '{{count}} thing worth a second look',
      warnings_other: '{{count}} things worth a second look',
      incidentLoss: 'How bad is an incident?',
    },
    problems: {
      filter: 'Annotation or ownership problems',
      filterHelp:
        'Services whose operating-model.io annotations are missing or cannot be read, or whose ownership breaks the playbook’s rules (one owning team per service, one service per database). Each service’s card says what to fix.',
      annotation_one: '{{count}} annotation problem',
      annotation_other: '{{count}} annotation problems',
      annotationHelp:
        'Operating-model.io annotations that are missing or cannot be read, so the rules cannot work out some of the service’s targets or on call. The service’s card, and the Annotation problems tab, give the line to write in catalog-info.yaml instead.',
      annotationToFix_one:
        '{{count}} annotation problem to fix in catalog-info.yaml',
      annotationToFix_other:
        '{{count}} annotation problems to fix in catalog-info.yaml',
      ownership_one: '{{count}} ownership problem',
      ownership_other: '{{count}} ownership problems',
      ownershipHelp:
        'The playbook’s ownership rules: one on-call product team owns each service, and each database belongs to one service. Set the owner in catalog-info.yaml to the team’s Group, or give each service its own database.',
      rota_one: '{{count}} rota problem',
      rota_other: '{{count}} rota problems',
      rotaHelp:
        'The rota against the playbook’s sustainable on-call schedule: enough people on it, each carrying a fair share. Add people to its teams, or overrides to spread the load.',
    },
    emptyStates: {
      pitfallsNoneShowingTitle_one:
        'The {{count}} pitfall looked for is not showing',
      pitfallsNoneShowingTitle_other:
        'None of the {{count}} pitfalls looked for is showing',
      pitfallsNoneShowing:
        'Over the last {{days}} days no team, domain or service shows a sign of them. They are read from the services’ assessments, the rotas, on-call cost and the events the data sources send: with no events in the window (see the Data sources tab) the ones measured from deployments, incidents and rework cannot show. What avoids each is below.',
      pitfallsNoneLookedForTitle: 'No pitfalls could be looked for',
      pitfallsNoneLookedFor:
        'The pitfalls are read from the assessed services: Components of type service, or with operating-model.io annotations, appear once the catalog has them.',
      costNoRotasTitle: 'No out-of-hours rota to pay for',
      costNoRotas:
        'No team or domain ran an out-of-hours rota over these {{days}} days: every service’s out-of-hours level is none, so callouts wait for working hours and there is no standby or callout cost. A service’s level, from its availability target, decides whether its team or its domain keeps a rota.',
      noServices:
        'No services assessed yet: Components of type service, or with operating-model.io annotations, appear once the catalog has them.',
      noServiceMatches: 'No service, team or entity ref matches',
      serviceNotAssessed:
        '{{message}}: the operating model covers Components of type service, and those with operating-model.io annotations. The Onboard a service tab writes the annotations to add to catalog-info.yaml.',
    },
    trafficLight: {
      green: 'Green: ready for You Build It You Run It',
      amber: 'Amber: look closer before moving it',
      red: 'Red: keep it under Ops Run It for now',
    },
    outOfHours: {
      unknown: 'unknown until the financial exposure can be read',
      owningTeam: 'the owning team',
      opsRunIt: "{{owner}}'s own schedule (Ops Run It)",
      team: "{{owner}}'s own schedule",
      domain: 'the {{domain}} domain schedule',
      noDomain: 'a domain schedule (no domain found for this service)',
      none: 'nobody: callouts wait until the next working day',
    },
    pagedNow: {
      error: 'Who is paged cannot be found out',
      title: 'Paged now:',
      contact: 'Contact:',
      next: 'Next:',
      nextFrom: 'from {{when}}',
      outOfHours: 'Out of hours: {{who}}',
      escalation: {
        title: 'Escalation path',
        source:
          'Worked out from the operating model: the rotas, the owning team and the domain’s owner in the catalog.',
      },
      level: {
        team: 'the team’s own schedule',
        domain: 'the domain schedule',
        none: 'nobody: callouts wait until the next working day',
        unknown: 'not known until the service’s financial exposure can be read',
      },
    },
    webLink: {
      notLinked: 'Not linked: {{url}}',
      notAWebLink: '{{text}} (not a web link)',
    },
    onCallCard: {
      title: 'On call',
      domainTitle: 'Out-of-hours on call',
      seeRota: 'See the whole rota',
      rotaPages: 'Its shifts page {{when}}.',
      pagedNow: 'Paged now',
      pagedFor: 'for {{services}}',
      teamRotaNow: 'On the team rota now',
      domainRotaNow: 'On the domain rota now',
      until: 'until {{when}}',
      override: 'override',
      nobody: 'Nobody',
      next: 'Next',
      from: 'from {{when}}',
      nobodyAhead: 'Nobody in the next {{days}} days',
      optedOut: 'Opted out',
      optedOutPeople_one: '{{count}} person',
      optedOutPeople_other: '{{count}} people',
      emptyTeamRota:
        'Nobody is on this rota: it draws from the members of the team who have not opted out.',
      emptyDomainRota:
        'Nobody is on this rota: it draws from the members of the teams that own the domain’s services who have not opted out.',
    },
    rotaContent: {
      teamTitle: 'Team rota',
      domainTitle: 'Out-of-hours rota',
      memberTeams: 'Member teams:',
      noMemberTeams:
        'none yet: the rota draws from the teams that own services in this domain whose out-of-hours level is the domain schedule',
    },
    rotaCalendar: {
      today: 'Today',
      override: 'override',
      shiftSpan: '{{start}}–{{end}}',
      shiftFrom: 'from {{start}}',
      shiftUntil: 'until {{end}}',
      domainRota: 'Out-of-hours rota:',
      teamRota: 'On the rota:',
      nobodyYet: 'nobody yet',
      participants: 'Participants',
      optedOut: '({{count}} opted out)',
      timeZone: "Times are in the rota's time zone, {{zone}}.",
      pagesWhen: 'Its shifts page {{when}}.',
      addOverride: 'Add an override',
      previousWeeks: 'Previous {{count}} weeks',
      nextWeeks: 'Next {{count}} weeks',
      thisWeek: 'Back to this week',
      tableLabel: 'Rota for {{rota}}',
      overridesTitle: 'Overrides in these weeks',
      overridesLabel: 'Overrides',
      notRemoved: 'The override could not be removed: {{message}}',
      noOverrides: 'None: everyone takes their turn as the rotation has it.',
      theRota: 'the rota',
      overrideText:
        '{{person}} covers {{covers}} from {{start}} to {{end}}{{reason}}. Added by {{actor}} on {{created}}.',
      overrideReason: ' ({{reason}})',
      remove: 'Remove',
      removeLabel: 'Remove the override from {{start}}',
      actions: {
        addTo: 'add overrides to',
        removeFrom: 'remove overrides from',
      },
    },
    overrideForm: {
      label: 'Add an override',
      person: 'Person covering',
      covers: 'Covers for',
      coversHelp: 'Optional: whoever the rota has then',
      whoeverIsOn: 'Whoever is on the rota',
      start: 'Start',
      end: 'End',
      zoneHelp: "In the rota's time zone, {{zone}}",
      zoneHelpWithYours:
        "In the rota's time zone, {{zone}}: {{time}} in yours ({{yours}})",
      reason: 'Reason',
      reasonHelp: 'Optional, shown to the team, for example "swap with Bob"',
      submit: 'Add override',
      cancel: 'Cancel',
      errors: {
        person: 'Choose who covers',
        start: 'Give the date and time the cover starts',
        end: 'Give the date and time the cover ends',
        endBeforeStart: 'The override must end after it starts',
        coversSelf: 'Someone cannot cover for themselves',
      },
    },
    calendarFeed: {
      subscribe: 'Subscribe in your calendar',
      noLink: 'No calendar link: {{message}}',
      instructions:
        "Copy this address into your calendar app's “subscribe to calendar” (or “from URL”) option; it keeps itself up to date:",
      copy: 'Copy the calendar address',
      phone: 'On a phone, open {{link}} to subscribe in one tap.',
      webcalLink: 'the webcal: link',
      validity:
        'The address is yours alone and works until {{until}}. If it was shared or a phone was lost, reset your links: every calendar address issued to you stops working.',
      reset: 'Reset my calendar links',
      resetDone:
        'Your earlier calendar links no longer work; the address above is new.',
      notReset: 'Links not reset: {{message}}',
    },
    dataSources: {
      listLabel: 'Event sources',
      emptyTitle: 'No data sources',
      emptyDescription:
        'No backend module adds an event source, so events arrive only from the pipelines and tools that post them to the operating-model events API.',
      addTitle: 'Adding a source',
      addIntro:
        'Each of these backend modules adds one source. Add its package to the backend and to packages/backend/src/index.ts, then configure it under operatingModel.sources.<id> in app-config.yaml; its README lists the settings.',
      modules: {
        pagerduty: 'Incidents from PagerDuty',
        github: 'Production deployments from GitHub',
        prometheus: 'Availability from Prometheus',
      },
      kinds: {
        deployments: 'Deployments',
        incidents: 'Incidents',
        availability: 'Availability',
      },
      status: {
        off: 'Off',
        failed: 'Last run failed',
        notRun: 'Not run yet',
        running: 'Running',
        succeeded: 'Last run succeeded',
      },
      off: 'Off: it never runs until it is configured. Set this key in app-config.yaml (its module’s README lists the settings):',
      copyKey: 'Copy {{key}}',
      fields: {
        kinds: 'Reads',
        schedule: 'Schedule',
        lastRun: 'Last run',
        lastSuccess: 'Last success',
        eventsWritten: 'Events written',
        mapped: 'Components mapped',
      },
      never: 'Never',
      when: '{{date}} ({{relative}})',
      notReported: 'Not reported yet',
      lastErrorTitle: 'The last run failed',
      lastErrorRetry:
        'It tries again at its next run, from where the last events written left off.',
      lastErrorOff: 'The source is now off, so it will not try again.',
      unmappedTitle_one: '{{components}} Component it could not map',
      unmappedTitle_other: '{{components}} Components it could not map',
      unmappedColumns: {
        entity: 'Component',
        reason: 'Why',
      },
      schedule: {
        off: 'not scheduled',
        every: 'every {{duration}}',
        cron: 'on the cron schedule {{cron}}',
        manual: 'only when triggered by hand',
        unreadable: 'as configured: {{schedule}}',
        timeout: 'each run stops after {{duration}}',
        initialDelay: 'the first run {{duration}} after start-up',
      },
    },
    measures: {
      changeFailureRate: {
        title: 'Change failure rate',
        detail:
          'Of production deployments were followed by an incident on the service before its next deployment',
        basis_one: 'From {{deployments}} production deployment',
        basis_other: 'From {{deployments}} production deployments',
      },
      failedDeploymentRecovery: {
        title: 'Failed-deployment recovery time',
        detail: 'Median; 90th percentile {{p90}}',
        basis_one: 'From {{recoveries}} restored failed deployment',
        basis_other: 'From {{recoveries}} restored failed deployments',
      },
      dora: 'DORA {{year}}: {{level}}',
      sources: {
        deployments: 'Deployments from {{sources}}',
        incidents: 'Incidents from {{sources}}',
        availability: 'Availability from {{sources}}',
      },
    },
    onCallLoad: {
      title: 'Fair load and pay',
      help: 'Each person’s hours on call from {{from}} to {{to}}, in and out of working hours (overrides applied), the out-of-hours callouts they took, and their standby and callout pay. People more than {{share}} above their rota’s average are flagged.',
      emptyTitle: 'No rotas this quarter',
      emptyHelp:
        'The report lists the people on each team and domain rota. Nobody is on a rota yet: give the teams that own services their members in the catalog.',
      flagged: 'Above average',
      flaggedHelp:
        'More than {{share}} above the rota’s average of {{average}} hours',
      flaggedOnly_one: 'Only the {{count}} person above average',
      flaggedOnly_other: 'Only the {{count}} people above average',
      csv: 'Download CSV',
      optedOut_one:
        '{{count}} person opted out of on-call is counted, not named',
      optedOut_other:
        '{{count}} people opted out of on-call are counted, not named',
      calloutsWithHours: '{{count}} ({{hours}} h)',
      columns: {
        rota: 'Rota',
        person: 'Person',
        inHours: 'Hours in working hours',
        outOfHours: 'Hours out of hours',
        callouts: 'Out-of-hours callouts',
        standby: 'Standby pay',
        callout: 'Callout pay',
        total: 'Total pay',
        fromAverage: 'From the rota’s average',
      },
    },
    leaders: {
      columns: {
        changeFailureRate: 'Change failure rate',
        failedDeploymentRecovery: 'Failed-deployment recovery (median)',
        dora: 'DORA {{year}}: {{metric}}',
      },
      doraMetrics: {
        deploymentFrequency: 'deployment frequency',
        leadTime: 'lead time',
        changeFailureRate: 'change failure rate',
        failedDeploymentRecovery: 'recovery',
      },
      doraCaption:
        'The DORA columns place each of the four key metrics among the software delivery performance clusters of the DORA {{year}} report: elite, high, medium or low.',
    },
    dora: {
      level: {
        elite: 'elite',
        high: 'high',
        medium: 'medium',
        low: 'low',
      },
    },
    permissions: {
      notAllowed:
        "You may not {{action}} this rota: the portal's permission policy does not grant you {{permission}} for it. Members of the rota's teams usually may; ask one of them or a portal admin.",
    },
  },
});

/** The translation function of the plugin's messages, for helpers that components hand it to. */
export type OperatingModelTranslation = TranslationFunction<
  typeof operatingModelTranslationRef.T
>;
