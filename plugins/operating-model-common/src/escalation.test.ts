import {
  EscalationPathInput,
  escalationContactOf,
  escalationPath,
} from './escalation';
import { OnCallWordsInput } from './onCallWords';

// Wednesday 4 November 2026, noon in London.
const NOW = new Date('2026-11-04T12:00:00Z');
const options = {
  viewerZone: 'Europe/London',
  rotaZone: 'Europe/London',
  locale: 'en-GB',
  now: NOW,
};

const WORKING_HOURS: OnCallWordsInput = {
  period: 'working-hours',
  schedule: 'team',
  person: 'Alice',
  rota: 'Bedroom team',
  shiftEnd: '2026-11-09T09:00:00Z',
  periodEnd: '2026-11-04T17:30:00Z',
  next: null,
  team: 'Bedroom team',
};

const OUT_OF_HOURS_DOMAIN: OnCallWordsInput = {
  ...WORKING_HOURS,
  period: 'out-of-hours',
  schedule: 'domain',
  person: 'Declan',
  rota: 'Furnishing',
  shiftEnd: '2026-11-05T09:00:00Z',
  periodEnd: '2026-11-05T09:00:00Z',
};

const NOBODY_UNTIL_MONDAY: OnCallWordsInput = {
  ...WORKING_HOURS,
  period: 'out-of-hours',
  schedule: 'none',
  person: null,
  rota: null,
  shiftEnd: null,
  periodEnd: '2026-11-09T09:00:00Z',
  next: { person: 'Gina', at: '2026-11-09T09:00:00Z' },
};

const TEAM = {
  ref: 'group:default/bedroom-team',
  name: 'Bedroom team',
  email: 'bedroom@hearth.example',
  incidentChannel: 'https://chat.example/bedroom-incidents',
};

const DOMAIN = {
  name: 'Furnishing',
  owner: { ref: 'group:default/furnishing-leads', name: 'Furnishing leads' },
};

function input(overrides: Partial<EscalationPathInput>): EscalationPathInput {
  return {
    model: 'you-build-it-you-run-it',
    onCall: WORKING_HOURS,
    nextOnRota: {
      ref: 'user:default/bob',
      name: 'Bob',
      at: '2026-11-09T09:00:00Z',
    },
    team: TEAM,
    domain: DOMAIN,
    ...overrides,
  };
}

describe('escalationPath', () => {
  it.each<[string, Partial<EscalationPathInput>, string[], string | null]>([
    [
      'You Build It You Run It in working hours: the team shift, the next on the team rota, the team, the domain’s owner',
      {},
      [
        'Paged now: Alice, working hours, Bedroom team rota, until Wed, 17:30 GMT',
        'If Alice does not answer: Bob, next on the Bedroom team rota (from Mon, 09:00 GMT)',
        'Then: Bedroom team, the owning team',
        'Then: Furnishing leads, owner of the Furnishing domain',
      ],
      null,
    ],
    [
      'out of hours at the domain level: the domain rota first, then its next, the team, the domain’s owner',
      {
        onCall: OUT_OF_HOURS_DOMAIN,
        nextOnRota: {
          ref: 'user:default/erin',
          name: 'Erin',
          at: '2026-11-05T17:30:00Z',
        },
      },
      [
        'Paged now: Declan, out of hours, Furnishing domain rota, until Thu, 09:00 GMT',
        'If Declan does not answer: Erin, next on the Furnishing domain rota (from Thu, 17:30 GMT)',
        'Then: Bedroom team, the owning team',
        'Then: Furnishing leads, owner of the Furnishing domain',
      ],
      'For a major incident out of hours, nominate an incident manager as incident commander.',
    ],
    [
      'level none out of hours: nobody until working hours start, then who is on the team shift; the team if it cannot wait',
      { onCall: NOBODY_UNTIL_MONDAY },
      [
        'Paged now: Nobody, out of hours, no out-of-hours rota, until Mon, 09:00 GMT',
        'From Mon, 09:00 GMT: Gina, Bedroom team rota',
        'If it cannot wait: Bedroom team, the owning team',
        'Then: Furnishing leads, owner of the Furnishing domain',
      ],
      'For a major incident out of hours, nominate an incident manager as incident commander.',
    ],
    [
      'nobody on the team rota in working hours: the team instead',
      {
        onCall: { ...WORKING_HOURS, person: null, shiftEnd: null },
        nextOnRota: null,
      },
      [
        'Paged now: Nobody, working hours, Bedroom team rota',
        'Instead: Bedroom team, the owning team',
        'Then: Furnishing leads, owner of the Furnishing domain',
      ],
      null,
    ],
    [
      'Ops Run It: the operations group’s schedule, its next, then the group; never a product team’s or the domain’s',
      {
        model: 'ops-run-it',
        onCall: {
          ...WORKING_HOURS,
          period: 'out-of-hours',
          person: 'Olu',
          periodEnd: '2026-11-05T09:00:00Z',
          rota: 'Operations team',
          team: 'Operations team',
        },
        nextOnRota: {
          ref: 'user:default/pat',
          name: 'Pat',
          at: '2026-11-09T09:00:00Z',
        },
        team: { ref: 'group:default/operations-team', name: 'Operations team' },
      },
      [
        'Paged now: Olu, out of hours, Operations team rota, until Thu, 09:00 GMT',
        'If Olu does not answer: Pat, next on the Operations team rota (from Mon, 09:00 GMT)',
        'Then: Operations team, the operations group that runs the service',
      ],
      'For a major incident out of hours, nominate an incident manager as incident commander.',
    ],
    [
      'no next person on the rota: the team straight after who is paged',
      { nextOnRota: null },
      [
        'Paged now: Alice, working hours, Bedroom team rota, until Wed, 17:30 GMT',
        'If Alice does not answer: Bedroom team, the owning team',
        'Then: Furnishing leads, owner of the Furnishing domain',
      ],
      null,
    ],
    [
      'a domain owned by the team itself, or with no owner: no step for it',
      {
        domain: {
          name: 'Furnishing',
          owner: { ref: TEAM.ref, name: TEAM.name },
        },
        nextOnRota: null,
      },
      [
        'Paged now: Alice, working hours, Bedroom team rota, until Wed, 17:30 GMT',
        'If Alice does not answer: Bedroom team, the owning team',
      ],
      null,
    ],
    [
      'no domain and an unnamed team',
      { domain: null, nextOnRota: null, team: { ref: null, name: null } },
      [
        'Paged now: Alice, working hours, Bedroom team rota, until Wed, 17:30 GMT',
        'If Alice does not answer: The owning team',
      ],
      null,
    ],
  ])('%s', (_, overrides, texts, note) => {
    const path = escalationPath(input(overrides), options);
    expect(path.steps.map(s => s.text)).toEqual(texts);
    expect(path.note).toBe(note);
  });

  it('carries the refs and contacts of whom each step names, for a surface to link', () => {
    const path = escalationPath(
      input({
        people: {
          paged: { ref: 'user:default/alice', email: 'alice@hearth.example' },
        },
      }),
      options,
    );
    expect(
      path.steps.map(({ kind, ref, email, incidentChannel }) => ({
        kind,
        ref,
        email,
        incidentChannel,
      })),
    ).toEqual([
      {
        kind: 'paged-now',
        ref: 'user:default/alice',
        email: 'alice@hearth.example',
        incidentChannel: undefined,
      },
      {
        kind: 'next-on-rota',
        ref: 'user:default/bob',
        email: undefined,
        incidentChannel: undefined,
      },
      {
        kind: 'owning-team',
        ref: TEAM.ref,
        email: TEAM.email,
        incidentChannel: TEAM.incidentChannel,
      },
      {
        kind: 'domain-owner',
        ref: DOMAIN.owner.ref,
        email: undefined,
        incidentChannel: undefined,
      },
    ]);
  });
});

describe('escalationContactOf', () => {
  it.each<[string, Parameters<typeof escalationContactOf>[0], object]>([
    ['nothing without an entity', undefined, {}],
    [
      'the profile’s e-mail address and the incident channel link',
      {
        metadata: {
          links: [
            { url: 'https://wiki.example/runbook', type: 'runbook' },
            { url: 'https://chat.example/bedroom', type: ' Incident-Channel ' },
          ],
        },
        spec: { profile: { email: ' bedroom@hearth.example ' } },
      },
      {
        email: 'bedroom@hearth.example',
        incidentChannel: 'https://chat.example/bedroom',
      },
    ],
    [
      'no channel that is not a web address, no e-mail address that is not text',
      {
        metadata: {
          // A script address is what the reader must refuse, so the test holds one.
          // eslint-disable-next-line no-script-url
          links: [{ url: 'javascript:alert(1)', type: 'incident-channel' }],
        },
        spec: { profile: { email: 42 } },
      },
      {},
    ],
  ])('%s', (_, entity, contact) => {
    expect(escalationContactOf(entity)).toEqual(contact);
  });
});
