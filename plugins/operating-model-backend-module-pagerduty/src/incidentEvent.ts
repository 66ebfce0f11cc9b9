import { webAddress } from '@operating-model/backstage-plugin-operating-model-common';
import { EventSourceIncident } from '@operating-model/backstage-plugin-operating-model-node';
import { IncidentTimes, PagerDutyIncident } from './PagerDutyClient';

/** The ingestion API keeps at most this many services on an incident. */
const MAX_SERVICES = 100;
const MAX_TITLE = 1024;
const MAX_SEVERITY = 255;

const iso = (value: string | null | undefined): string | undefined => {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

/** A time that cannot come before the incident started: clocks of log entries may lag a little. */
const notBefore = (value: string | undefined, start: string) =>
  value === undefined || Date.parse(value) >= Date.parse(start) ? value : start;

/**
 * The severity PagerDuty gives: the urgency (`high`, `low`) and, where the account uses
 * priorities, the priority's name before it, as in `P1 high`.
 */
export function severityOf(incident: PagerDutyIncident): string | null {
  const parts = [incident.priority?.summary, incident.urgency]
    .map(p => p?.replaceAll('\u0000', '').trim())
    .filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' ').slice(0, MAX_SEVERITY) : null;
}

/**
 * A PagerDuty incident as the ingestion API takes it: started when it was created (first
 * triggered), acknowledged at the first acknowledgement and restored when it was resolved.
 * `times` come from the incident's log entries; without them (an incident still triggered is
 * read without its log) the incident's own fields stand in.
 */
export function incidentEvent(
  incident: PagerDutyIncident,
  services: string[],
  times: IncidentTimes = {},
): EventSourceIncident {
  const startedAt = iso(incident.created_at);
  if (!startedAt) {
    throw new Error(
      `PagerDuty incident ${
        incident.id
      } has no readable created_at (${JSON.stringify(incident.created_at)})`,
    );
  }
  const firstListed = (incident.acknowledgements ?? [])
    .map(a => iso(a.at))
    .filter((a): a is string => a !== undefined)
    .sort()[0];
  const acknowledgedAt = iso(times.acknowledgedAt) ?? firstListed;
  const restoredAt =
    incident.status === 'resolved'
      ? iso(times.resolvedAt) ??
        iso(incident.resolved_at) ??
        iso(incident.last_status_change_at) ??
        startedAt
      : undefined;
  // The ingestion API refuses NUL characters, and one refused incident would refuse its page.
  const title = (incident.title ?? incident.summary ?? '')
    .replaceAll('\u0000', '')
    .trim();
  return {
    externalId: incident.id,
    services: services.slice(0, MAX_SERVICES),
    title: title ? title.slice(0, MAX_TITLE) : null,
    startedAt,
    acknowledgedAt: notBefore(acknowledgedAt, startedAt) ?? null,
    restoredAt: notBefore(restoredAt, startedAt) ?? null,
    severity: severityOf(incident),
    // Kept only where the ingestion API would take it: an http or https address it can store.
    url:
      incident.html_url &&
      incident.html_url.length <= 2048 &&
      webAddress(incident.html_url)
        ? incident.html_url
        : null,
  };
}
