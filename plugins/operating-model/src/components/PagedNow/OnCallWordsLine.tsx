import {
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import {
  OnCallWords,
  OnCallWordsInput,
  OnCallWordsRole,
  describeOnCall,
} from '@operating-model/backstage-plugin-operating-model-common';
import { ReactNode } from 'react';
import { OnCallResult } from '../../api';
import { onCallTimeOptions } from '../shared/format';

/** The entity each named part of the words links to. */
export type OnCallWordsLinks = Partial<
  Record<Exclude<OnCallWordsRole, 'text'>, string | null>
>;

/**
 * Rule 9's answer as common's `describeOnCall` words it, the names linked to their entities:
 * every surface that says who is on call renders this, so they read the same. Each part carries
 * `data-on-call` with its role, for the tests that compare surfaces.
 */
export function OnCallWordsLine({
  words,
  links = {},
  renderLink,
  withoutPerson,
}: {
  words: OnCallWords;
  links?: OnCallWordsLinks;
  /** How a named part links to its entity; an `EntityRefLink` by default. */
  renderLink?: (entityRef: string, text: string) => ReactNode;
  /** The rest of the words only, for a surface that shows the person apart, more prominently. */
  withoutPerson?: boolean;
}) {
  // The words start with the person and the separator after it.
  const segments =
    withoutPerson && words.segments[0]?.role === 'person'
      ? words.segments.slice(2)
      : words.segments;
  return (
    <span data-testid="on-call-words">
      {segments.map((segment, index) => {
        if (segment.role === 'text') return segment.text;
        const ref = links[segment.role];
        return (
          <span key={index} data-on-call={segment.role}>
            {ref
              ? renderLink?.(ref, segment.text) ?? (
                  <EntityRefLink entityRef={ref} hideIcon>
                    {segment.text}
                  </EntityRefLink>
                )
              : segment.text}
          </span>
        );
      })}
    </span>
  );
}

/** An entity's display name from the catalog, or null without a ref. */
function useTitle(ref: string | null): string | null {
  // Hooks run on every render: without a ref, ask about a placeholder and drop the answer.
  const title = useEntityPresentation(
    ref ?? 'user:default/nobody',
  ).primaryTitle;
  return ref ? title : null;
}

/** A `GET /on-call` answer with the catalog's names, as common's words take it. */
export function useOnCallResultInput(answer: OnCallResult): OnCallWordsInput {
  const rotaRef =
    answer.schedule === 'domain' ? answer.rotas.domain : answer.rotas.team;
  const person = useTitle(answer.person);
  const rota = useTitle(answer.schedule === 'none' ? null : rotaRef);
  const team = useTitle(answer.rotas.team);
  const nextPerson = useTitle(answer.next?.person ?? null);
  return {
    period: answer.period,
    schedule: answer.schedule,
    person,
    rota,
    shiftEnd: answer.shiftEnd,
    periodEnd: answer.periodEnd,
    next: answer.next ? { person: nextPerson, at: answer.next.at } : null,
    team,
  };
}

/** The words of a `GET /on-call` answer for a viewer at `now`, with the catalog's names. */
export function useOnCallResultWords(
  answer: OnCallResult,
  now: Date,
): { words: OnCallWords; links: OnCallWordsLinks } {
  const rotaRef =
    answer.schedule === 'domain' ? answer.rotas.domain : answer.rotas.team;
  const words = describeOnCall(
    useOnCallResultInput(answer),
    onCallTimeOptions(answer.workingHours.timezone, now),
  );
  return {
    words,
    links: {
      person: answer.person,
      schedule: answer.schedule === 'none' ? null : rotaRef,
      nextPerson: answer.next?.person ?? null,
      nextSchedule: answer.rotas.team,
    },
  };
}

/** A `GET /on-call` answer in the words every surface shares. */
export function OnCallResultLine({
  answer,
  now,
  withoutPerson,
}: {
  answer: OnCallResult;
  now: Date;
  withoutPerson?: boolean;
}) {
  const { words, links } = useOnCallResultWords(answer, now);
  return (
    <OnCallWordsLine
      words={words}
      links={links}
      withoutPerson={withoutPerson}
    />
  );
}
