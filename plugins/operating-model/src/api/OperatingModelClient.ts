import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Override } from '@internal/plugin-operating-model-common';
import {
  AssessedService,
  OnCallResult,
  OperatingModelApi,
  OverrideRequest,
  RotaSchedule,
} from './OperatingModelApi';

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind.toLocaleLowerCase('en-US'), namespace, name].map(encodeURIComponent).join('/');
}

/** Talks to `/api/operating-model` through Backstage's discovery and authenticated fetch. */
export class OperatingModelClient implements OperatingModelApi {
  constructor(
    private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listServices(options?: { at?: Date }): Promise<AssessedService[]> {
    const body = await this.get<{ items: AssessedService[] }>('/services', options?.at);
    return body.items;
  }

  async getService(entityRef: string, options?: { at?: Date }): Promise<AssessedService> {
    return this.get<AssessedService>(`/services/${entityPath(entityRef)}`, options?.at);
  }

  async getOnCall(entityRef: string, options?: { at?: Date }): Promise<OnCallResult> {
    const query = new URLSearchParams({ entityRef });
    if (options?.at) query.set('at', options.at.toISOString());
    return this.request<OnCallResult>(`/on-call?${query}`);
  }

  async getSchedule(rotaRef: string, window: { from: Date; to: Date }): Promise<RotaSchedule> {
    const query = new URLSearchParams({
      from: window.from.toISOString(),
      to: window.to.toISOString(),
    });
    return this.request<RotaSchedule>(`/schedules/${entityPath(rotaRef)}?${query}`);
  }

  async addOverride(rotaRef: string, override: OverrideRequest): Promise<Override> {
    return this.request<Override>(`/schedules/${entityPath(rotaRef)}/overrides`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(override),
    });
  }

  async removeOverride(rotaRef: string, id: string): Promise<void> {
    await this.request<void>(
      `/schedules/${entityPath(rotaRef)}/overrides/${encodeURIComponent(id)}`,
      { method: 'DELETE' },
    );
  }

  async getCalendarLink(entityRef: string): Promise<string> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path =
      kind.toLocaleLowerCase('en-US') === 'user'
        ? `/people/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/calendar-link`
        : `/schedules/${entityPath(entityRef)}/calendar-link`;
    const { path: feed } = await this.request<{ path: string }>(path);
    const base = await this.options.discoveryApi.getBaseUrl('operating-model');
    return `${base}${feed}`;
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
