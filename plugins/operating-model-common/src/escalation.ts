import { LINK_TYPE_INCIDENT_CHANNEL } from './annotations';
import {
  OnCallWordsInput,
  OnCallWordsOptions,
  describeOnCall,
  formatOnCallTime,
  rotaName,
} from './onCallWords';
import type { OperatingModelName } from './types';
import { webAddress } from './webAddress';

/*
 * The escalation path a responder follows, derived from the operating model until an escalation
 * policy is read from a paging tool. The playbook's incident response chapter asks for "clear
 * communication pathways for major incidents": whom to call when the person paged does not
 * answer, or when nobody is paged and the incident cannot wait.
 */

/**
 * Someone a responder can turn to: a person, a team or a domain's owner, by entity ref and name,
 * with the ways to reach them that their catalog entity gives.
 *
 * @public
 */
export interface EscalationParty {
  /** The entity ref, for a surface to link the name to; null when not known. */
  ref: string | null;
  /** The display name; null when not known. */
  name: string | null;
  /** The e-mail address of the entity's catalog profile. */
  email?: string;
  /** The entity's `incident-channel` link. */
  incidentChannel?: string;
}

/**
 * What the escalation path of a service is worked out from: who is paged (rule 9's answer with
 * names), the model in force (rule 7), and the parties to turn to after them.
 *
 * @public
 */
export interface EscalationPathInput {
  /** The operating model in force: the declared one, else the recommended one. */
  model: OperatingModelName | null;
  /** Who is paged now, with names, as `describeOnCall` takes it. */
  onCall: OnCallWordsInput;
  /** The entity refs and contact of the people the answer names. */
  people?: {
    /** Who is paged now: their ref and e-mail address. */
    paged?: Omit<EscalationParty, 'name'>;
    /** Who is on the team shift at the next working-hours start, when nobody is paged now. */
    next?: Omit<EscalationParty, 'name'>;
  };
  /** The next person on the rota that pages now, after the current shift, and from when. */
  nextOnRota: (EscalationParty & { at: string }) | null;
  /** The owning Group: the product team, or for Ops Run It the operations group. */
  team: EscalationParty;
  /** The service's product domain, by name, and its owner. */
  domain: { name: string | null; owner: EscalationParty | null } | null;
}

/**
 * What a step of the escalation path is.
 *
 * @public
 */
export type EscalationStepKind =
  | 'paged-now'
  | 'next-on-rota'
  | 'next-working-hours'
  | 'owning-team'
  | 'operations-group'
  | 'domain-owner';

/**
 * One step of an escalation path: when to take it, whom to turn to, who they are, and how to
 * reach them. `text` is the step in one line, such as "If Alice does not answer: Bob, next on
 * the Bedroom team rota (from Mon 09:00 GMT)".
 *
 * @public
 */
export interface EscalationStep {
  kind: EscalationStepKind;
  /** `Paged now`, `If Alice does not answer`, `Then`, `From Mon 09:00 GMT`, `If it cannot wait`. */
  when: string;
  /** The name of whom to turn to, or `Nobody`. */
  who: string;
  /** The entity `who` names, for a surface to link; null when not known. */
  ref: string | null;
  /** Who they are: `out of hours, Furnishing domain rota, until Thu 09:00 GMT`, `the owning team`. */
  what: string;
  email?: string;
  incidentChannel?: string;
  text: string;
}

/**
 * A service's escalation path, and a note for the responder where the playbook has one.
 *
 * @public
 */
export interface EscalationPath {
  steps: EscalationStep[];
  /** Out of hours: that a major incident needs an incident manager as incident commander. */
  note: string | null;
}

function step(
  kind: EscalationStepKind,
  when: string,
  who: string,
  what: string,
  party?: Omit<EscalationParty, 'name'> | null,
): EscalationStep {
  const found: EscalationStep = {
    kind,
    when,
    who,
    ref: party?.ref ?? null,
    what,
    text: what ? `${when}: ${who}, ${what}` : `${when}: ${who}`,
  };
  if (party?.email) found.email = party.email;
  if (party?.incidentChannel) found.incidentChannel = party.incidentChannel;
  return found;
}

/**
 * The escalation path for a service at an instant (rules 7 and 9), in words, in the order a
 * responder follows it:
 *
 * 1. who is paged now, on which rota and until when (or nobody, until when);
 * 2. if they do not answer, the next person on that rota; when nobody is paged, who is from the
 *    next working-hours start;
 * 3. the owning team, by its contact and incident channel (for Ops Run It, the operations group
 *    that runs the service);
 * 4. for You Build It You Run It, the owner of the product domain, unless that is the team.
 *
 * Ops Run It stops at the operations group: rule 7 keeps product teams' schedules out of it.
 *
 * @public
 */
export function escalationPath(
  input: EscalationPathInput,
  options: OnCallWordsOptions,
): EscalationPath {
  const { onCall, team, domain, nextOnRota } = input;
  const words = describeOnCall(onCall, options);
  const steps: EscalationStep[] = [];

  const pagedWhat = [words.period, words.schedule, words.until]
    .filter(Boolean)
    .join(', ');
  steps.push(
    step(
      'paged-now',
      'Paged now',
      words.person,
      pagedWhat,
      input.people?.paged,
    ),
  );

  let afterPaged = onCall.person
    ? `If ${onCall.person} does not answer`
    : 'Instead';
  if (onCall.person && nextOnRota?.name && onCall.schedule !== 'none') {
    steps.push(
      step(
        'next-on-rota',
        afterPaged,
        nextOnRota.name,
        `next on the ${words.schedule} (from ${formatOnCallTime(
          nextOnRota.at,
          options,
        )})`,
        nextOnRota,
      ),
    );
    afterPaged = 'Then';
  }
  if (!onCall.person && onCall.next) {
    // Nobody is paged until working hours start (level `none`, or an empty rota): the team
    // shift then takes the callout, and the team is there for an incident that cannot wait.
    steps.push(
      step(
        'next-working-hours',
        `From ${formatOnCallTime(onCall.next.at, options)}`,
        onCall.next.person ?? 'Nobody',
        rotaName('team', onCall.team),
        input.people?.next,
      ),
    );
    afterPaged = 'If it cannot wait';
  }

  const opsRunIt = input.model === 'ops-run-it';
  let teamRole = team.name ? 'the owning team' : '';
  if (opsRunIt) teamRole = 'the operations group that runs the service';
  steps.push(
    step(
      opsRunIt ? 'operations-group' : 'owning-team',
      afterPaged,
      team.name ?? 'The owning team',
      teamRole,
      team,
    ),
  );

  const owner = domain?.owner;
  const ownerIsTeam = !!owner?.ref && owner.ref === team.ref;
  if (!opsRunIt && owner?.name && !ownerIsTeam) {
    steps.push(
      step(
        'domain-owner',
        'Then',
        owner.name,
        domain?.name
          ? `owner of the ${domain.name} domain`
          : 'owner of the domain',
        owner,
      ),
    );
  }

  return {
    steps,
    note:
      onCall.period === 'out-of-hours'
        ? 'For a major incident out of hours, nominate an incident manager as incident commander.'
        : null,
  };
}

/**
 * How to reach a Group or User from its catalog entity: the e-mail address of its profile and
 * its `incident-channel` link, where they are there and the link is a web address.
 *
 * @public
 */
export function escalationContactOf(
  entity:
    | {
        metadata?: { links?: Array<{ url?: unknown; type?: unknown }> };
        spec?: { profile?: unknown };
      }
    | undefined,
): Pick<EscalationParty, 'email' | 'incidentChannel'> {
  const contact: Pick<EscalationParty, 'email' | 'incidentChannel'> = {};
  const profile = entity?.spec?.profile as { email?: unknown } | undefined;
  if (typeof profile?.email === 'string' && profile.email.trim()) {
    contact.email = profile.email.trim();
  }
  for (const link of entity?.metadata?.links ?? []) {
    const type =
      typeof link?.type === 'string' ? link.type.trim().toLowerCase() : '';
    const url = webAddress(typeof link?.url === 'string' ? link.url : null);
    if (type === LINK_TYPE_INCIDENT_CHANNEL && url) {
      contact.incidentChannel = url;
      break;
    }
  }
  return contact;
}
