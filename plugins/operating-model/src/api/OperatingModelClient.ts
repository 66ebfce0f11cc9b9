import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { AssessedService, OperatingModelApi } from './OperatingModelApi';

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
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.get<AssessedService>(`/services/${path}`, options?.at);
  }

  private async get<T>(path: string, at?: Date): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('operating-model');
    const query = at ? `?at=${encodeURIComponent(at.toISOString())}` : '';
    const response = await this.options.fetchApi.fetch(`${base}${path}${query}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
