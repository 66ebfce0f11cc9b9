import {
  describeOnCall,
  directoryOnCallWordsInput,
  formatOnCallTime,
  rotaName,
  rotaPagesWhen,
  OnCallWordsInput,
  OnCallWordsOptions,
} from './onCallWords';

// Wednesday 2 December 2026, 22:26 in London: the evening of the issue.
const NOW = new Date('2026-12-02T22:26:00Z');
const london = { viewerZone: 'Europe/London', locale: 'en-GB', now: NOW };

describe('formatOnCallTime', () => {
  it.each<[string, string, Partial<OnCallWordsOptions>, string]>([
    [
      'the viewer’s zone alone where the rota’s clock reads the same',
      '2026-12-07T09:00:00Z',
      { rotaZone: 'Europe/London' },
      'Mon, 09:00 GMT',
    ],
    [
      'the rota’s clock beside it where it differs',
      '2026-12-07T14:00:00Z',
      { rotaZone: 'America/New_York' },
      'Mon, 14:00 GMT (Mon 09:00 New York time)',
    ],
    [
      'the rota’s day too where the clocks there are on another day',
      '2026-12-03T02:00:00Z',
      { rotaZone: 'America/Los_Angeles' },
      'Thu, 02:00 GMT (Wed 18:00 Los Angeles time)',
    ],
    [
      'the date from six days ahead',
      '2026-12-08T22:26:00Z',
      { rotaZone: 'Europe/London' },
      'Tue 8 Dec, 22:26 GMT',
    ],
    [
      'the date for an instant already past',
      '2026-12-02T22:00:00Z',
      { rotaZone: 'Europe/London' },
      'Wed 2 Dec, 22:00 GMT',
    ],
    [
      'the date always without an instant to read it at',
      '2026-12-07T14:00:00Z',
      { rotaZone: 'America/New_York', now: undefined },
      'Mon 7 Dec, 14:00 GMT (Mon 7 Dec, 09:00 New York time)',
    ],
    [
      'summer time by its own abbreviation',
      '2026-07-06T08:00:00Z',
      { rotaZone: 'Europe/London', now: new Date('2026-07-04T12:00:00Z') },
      'Mon, 09:00 BST',
    ],
    [
      'a zone without a place by its name',
      '2026-07-06T08:00:00Z',
      {
        viewerZone: 'Europe/London',
        rotaZone: 'UTC',
        now: new Date('2026-07-04T12:00:00Z'),
      },
      'Mon, 09:00 BST (Mon 08:00 UTC)',
    ],
    [
      'a viewer in UTC, as a server is',
      '2026-07-06T08:00:00Z',
      {
        viewerZone: 'UTC',
        rotaZone: 'Europe/London',
        now: new Date('2026-07-04T12:00:00Z'),
      },
      'Mon, 08:00 UTC (Mon 09:00 London time)',
    ],
  ])('writes %s', (_, instant, options, expected) => {
    expect(
      formatOnCallTime(instant, {
        ...london,
        rotaZone: 'Europe/London',
        ...options,
      }),
    ).toBe(expected);
  });
});

describe('describeOnCall', () => {
  const base: OnCallWordsInput = {
    period: 'working-hours',
    schedule: 'team',
    person: 'Amara Okafor',
    rota: 'Bedroom team',
    shiftEnd: '2026-12-07T09:00:00Z',
    periodEnd: null,
    next: null,
    team: 'Bedroom team',
  };

  it.each<[string, Partial<OnCallWordsInput>, string, string]>([
    [
      'the team shift in working hours',
      {},
      'America/New_York',
      'Amara Okafor: working hours, Bedroom team rota, until Mon, 09:00 GMT (Mon 04:00 New York time)',
    ],
    [
      'the domain shift out of hours',
      {
        period: 'out-of-hours',
        schedule: 'domain',
        person: 'Declan Byrne',
        rota: 'Furnishing',
      },
      'Europe/London',
      'Declan Byrne: out of hours, Furnishing domain rota, until Mon, 09:00 GMT',
    ],
    [
      'the close of working hours, where it comes before the end of the shift',
      { periodEnd: '2026-12-03T17:30:00Z' },
      'Europe/London',
      'Amara Okafor: working hours, Bedroom team rota, until Thu, 17:30 GMT',
    ],
    [
      'the end of the shift, where it comes before the end of the period',
      {
        period: 'out-of-hours',
        shiftEnd: '2026-12-03T02:00:00Z',
        periodEnd: '2026-12-03T09:00:00Z',
      },
      'Europe/London',
      'Amara Okafor: out of hours, Bedroom team rota, until Thu, 02:00 GMT',
    ],
    [
      'a team without “team” in its name',
      { rota: 'Payments', team: 'Payments' },
      'Europe/London',
      'Amara Okafor: working hours, Payments team rota, until Mon, 09:00 GMT',
    ],
    [
      'nobody at level none, until the next working-hours start and who is then',
      {
        period: 'out-of-hours',
        schedule: 'none',
        person: null,
        rota: null,
        shiftEnd: null,
        next: { person: 'Amara Okafor', at: '2026-12-03T09:00:00Z' },
      },
      'Europe/London',
      'Nobody: out of hours, no out-of-hours rota, until Thu, 09:00 GMT; then Amara Okafor, Bedroom team rota',
    ],
    [
      'nobody on an empty domain rota, and nobody on the team shift either',
      {
        period: 'out-of-hours',
        schedule: 'domain',
        person: null,
        rota: 'Furnishing',
        shiftEnd: null,
        next: { person: null, at: '2026-12-03T09:00:00Z' },
      },
      'Europe/London',
      'Nobody: out of hours, Furnishing domain rota, until Thu, 09:00 GMT; then nobody, Bedroom team rota',
    ],
    [
      'nobody on the team shift in working hours, without an end to give',
      { person: null, shiftEnd: null },
      'Europe/London',
      'Nobody: working hours, Bedroom team rota',
    ],
    [
      'a rota not known by name',
      { rota: null },
      'Europe/London',
      'Amara Okafor: working hours, team rota, until Mon, 09:00 GMT',
    ],
  ])('says %s', (_, answer, rotaZone, expected) => {
    const words = describeOnCall(
      { ...base, ...answer },
      { ...london, rotaZone },
    );
    expect(words.text).toBe(expected);
    expect(words.segments.map(s => s.text).join('')).toBe(expected);
  });

  it('gives the parts apart, in the order the line says them', () => {
    const words = describeOnCall(base, {
      ...london,
      rotaZone: 'Europe/London',
    });
    expect(words).toMatchObject({
      person: 'Amara Okafor',
      period: 'working hours',
      schedule: 'Bedroom team rota',
      until: 'until Mon, 09:00 GMT',
      next: null,
    });
    expect(
      words.segments.filter(s => s.role !== 'text').map(s => s.role),
    ).toEqual(['person', 'period', 'schedule', 'until']);
  });
});

describe('directoryOnCallWordsInput', () => {
  const person = (title: string) => ({
    ref: `user:default/${title}`,
    title,
    email: null,
  });
  it.each<
    [string, Parameters<typeof directoryOnCallWordsInput>[0], string | null]
  >([
    [
      'names the domain rota by the domain',
      {
        ownerTitle: 'Bedroom team',
        domainTitle: 'Furnishing',
        onCall: {
          period: 'out-of-hours',
          schedule: 'domain',
          person: person('Declan Byrne'),
          rota: 'domain:default/furnishing',
          shiftEnd: '2026-12-07T09:00:00Z',
          periodEnd: '2026-12-03T09:00:00.000Z',
          timezone: 'Europe/London',
          next: null,
        },
      },
      'Declan Byrne: out of hours, Furnishing domain rota, until Thu, 09:00 GMT',
    ],
    [
      'names the team rota by the team, and who is next on it',
      {
        ownerTitle: 'Bedroom team',
        domainTitle: 'Furnishing',
        onCall: {
          period: 'out-of-hours',
          schedule: 'none',
          person: null,
          rota: null,
          shiftEnd: null,
          periodEnd: '2026-12-03T09:00:00.000Z',
          timezone: 'Europe/London',
          next: { person: person('Amara Okafor'), at: '2026-12-03T09:00:00Z' },
        },
      },
      'Nobody: out of hours, no out-of-hours rota, until Thu, 09:00 GMT; then Amara Okafor, Bedroom team rota',
    ],
    [
      'has nothing to say before the rotas are worked out',
      { ownerTitle: 'Bedroom team', domainTitle: null, onCall: null },
      null,
    ],
  ])('%s', (_, service, expected) => {
    const input = directoryOnCallWordsInput(service);
    expect(
      input &&
        describeOnCall(input, { ...london, rotaZone: 'Europe/London' }).text,
    ).toBe(expected);
  });
});

describe('rotaName', () => {
  it.each<['team' | 'domain', string | null, string]>([
    ['team', 'Bedroom team', 'Bedroom team rota'],
    ['team', 'Payments', 'Payments team rota'],
    ['domain', 'Furnishing', 'Furnishing domain rota'],
    ['domain', 'Checkout domain', 'Checkout domain rota'],
    ['domain', null, 'domain rota'],
  ])('names the %s rota of %s', (kind, name, expected) => {
    expect(rotaName(kind, name)).toBe(expected);
  });
});

describe('rotaPagesWhen', () => {
  it.each<['team' | 'domain', RegExp]>([
    ['team', /^in working hours, and out of hours for the team’s services/],
    ['domain', /^out of hours, for the domain’s services/],
  ])('says when the %s rota’s shifts page', (kind, expected) => {
    expect(rotaPagesWhen(kind)).toMatch(expected);
  });
});
