import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CalendarLink,
  Override,
} from '@operating-model/backstage-plugin-operating-model-common';
import type {
  DirectoryFacets,
  DirectoryQuery,
  DirectoryService,
  DirectoryServicesPage,
} from '@operating-model/backstage-plugin-operating-model-common';
import {
  AssessedService,
  IncidentLossAnswer,
  IncidentLossRequest,
  OnCallCostReport,
  OnCallLoadReport,
  PitfallsAnswer,
  EntityMeasures,
  EventSourceStatus,
  LeadersMeasures,
  MeasureSeries,
  MeasuresWindow,
  OnCallResult,
  OperatingModelApi,
  OverrideRequest,
  ReviewReadResult,
  RotaSchedule,
} from './OperatingModelApi';

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/');
}

function windowQuery(window: MeasuresWindow): URLSearchParams {
  return new URLSearchParams({
    from: window.from.toISOString(),
    to: window.to.toISOString(),
  });
}

/**
 * Talks to `/api/operating-model` through Backstage's discovery and authenticated fetch.
 *
 * @public
 */
export class OperatingModelClient implements OperatingModelApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async listServices(options?: { at?: Date }): Promise<AssessedService[]> {
    const body = await this.get<{ items: AssessedService[] }>(
      '/services',
      options?.at,
    );
    return body.items;
  }

  async getService(
    entityRef: string,
    options?: { at?: Date },
  ): Promise<AssessedService> {
    return this.get<AssessedService>(
      `/services/${entityPath(entityRef)}`,
      options?.at,
    );
  }

  async getOnCall(
    entityRef: string,
    options?: { at?: Date },
  ): Promise<OnCallResult> {
    const query = new URLSearchParams({ entityRef });
    if (options?.at) query.set('at', options.at.toISOString());
    return this.request<OnCallResult>(`/on-call?${query}`);
  }

  async getSchedule(
    rotaRef: string,
    window: { from: Date; to: Date },
  ): Promise<RotaSchedule> {
    const query = new URLSearchParams({
      from: window.from.toISOString(),
      to: window.to.toISOString(),
    });
    return this.request<RotaSchedule>(
      `/schedules/${entityPath(rotaRef)}?${query}`,
    );
  }

  async addOverride(
    rotaRef: string,
    override: OverrideRequest,
  ): Promise<Override> {
    return this.request<Override>(
      `/schedules/${entityPath(rotaRef)}/overrides`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(override),
      },
    );
  }

  async removeOverride(rotaRef: string, id: string): Promise<void> {
    await this.request<void>(
      `/schedules/${entityPath(rotaRef)}/overrides/${encodeURIComponent(id)}`,
      { method: 'DELETE' },
    );
  }

  async getCalendarLink(
    entityRef: string,
  ): Promise<CalendarLink & { url: string }> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path =
      kind.toLocaleLowerCase('en-US') === 'user'
        ? `/people/${encodeURIComponent(namespace)}/${encodeURIComponent(
            name,
          )}/calendar-link`
        : `/schedules/${entityPath(entityRef)}/calendar-link`;
    return this.withUrl(await this.request<CalendarLink>(path));
  }

  async resetCalendarLinks(
    userRef: string,
  ): Promise<CalendarLink & { url: string }> {
    const { namespace, name } = parseEntityRef(userRef, {
      defaultKind: 'user',
    });
    const path = `/people/${encodeURIComponent(namespace)}/${encodeURIComponent(
      name,
    )}/calendar-link/reset`;
    return this.withUrl(
      await this.request<CalendarLink>(path, { method: 'POST' }),
    );
  }

  private async withUrl(
    link: CalendarLink,
  ): Promise<CalendarLink & { url: string }> {
    const base = await this.options.discoveryApi.getBaseUrl('operating-model');
    return { ...link, url: `${base}${link.path}` };
  }

  async queryDirectory(query: DirectoryQuery): Promise<DirectoryServicesPage> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      // Unset filters are left out: the backend reads a missing parameter as "any".
      if (value === null || value === undefined || value === false) continue;
      if (value === '' || (name === 'groupBy' && value === 'none')) continue;
      params.set(name, String(value));
    }
    const search = params.toString();
    return this.request<DirectoryServicesPage>(
      `/directory/services${search ? `?${search}` : ''}`,
    );
  }

  async getDirectoryFacets(): Promise<DirectoryFacets> {
    return this.request<DirectoryFacets>('/directory/facets');
  }

  async getDirectoryService(entityRef: string): Promise<DirectoryService> {
    return this.request<DirectoryService>(
      `/directory/services/${entityPath(entityRef)}`,
    );
  }

  async getMeasures(
    entityRef: string,
    window: MeasuresWindow,
  ): Promise<EntityMeasures> {
    return this.request<EntityMeasures>(
      `/measures/${entityPath(entityRef)}?${windowQuery(window)}`,
    );
  }

  async getMeasureSeries(
    entityRef: string,
    window: MeasuresWindow,
  ): Promise<MeasureSeries> {
    return this.request<MeasureSeries>(
      `/measures/${entityPath(entityRef)}/series?${windowQuery(window)}`,
    );
  }

  async getLeaders(
    groupBy: 'team' | 'domain',
    window: MeasuresWindow,
  ): Promise<LeadersMeasures> {
    const query = windowQuery(window);
    query.set('groupBy', groupBy);
    return this.request<LeadersMeasures>(`/measures?${query}`);
  }

  async readReview(source: string, id: string): Promise<ReviewReadResult> {
    return this.request<ReviewReadResult>(
      `/reviews/${encodeURIComponent(source)}/${encodeURIComponent(id)}/read`,
      { method: 'POST' },
    );
  }

  async getIncidentLoss(
    request: IncidentLossRequest,
  ): Promise<IncidentLossAnswer> {
    return this.request<IncidentLossAnswer>('/incident-loss', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async getOnCallCosts(window?: MeasuresWindow): Promise<OnCallCostReport> {
    return this.request<OnCallCostReport>(
      `/costs${window ? `?${windowQuery(window)}` : ''}`,
    );
  }

  async getOnCallLoad(window?: MeasuresWindow): Promise<OnCallLoadReport> {
    return this.request<OnCallLoadReport>(
      `/on-call-load${window ? `?${windowQuery(window)}` : ''}`,
    );
  }

  async getPitfalls(window?: MeasuresWindow): Promise<PitfallsAnswer> {
    return this.request<PitfallsAnswer>(
      `/pitfalls${window ? `?${windowQuery(window)}` : ''}`,
    );
  }

  async getEventSources(): Promise<EventSourceStatus[]> {
    const body = await this.request<{ items: EventSourceStatus[] }>('/sources');
    return body.items;
  }

  private async get<T>(path: string, at?: Date): Promise<T> {
    const query = at ? `?at=${encodeURIComponent(at.toISOString())}` : '';
    return this.request<T>(`${path}${query}`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('operating-model');
    const response = await this.options.fetchApi.fetch(`${base}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
