import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  DirectoryService,
  DirectoryServicesPage,
  OPERATING_MODEL_TITLES,
  describeOnCall,
  directoryOnCallWordsInput,
  formatAvailability,
  formatOnCallTime,
  modelInForce,
} from '@operating-model/backstage-plugin-operating-model-common';
import { Readable } from 'stream';

/**
 * The search document type: one per service.
 *
 * @public
 */
export const OPERATING_MODEL_SERVICE_DOCUMENT_TYPE = 'operating-model-service';

/**
 * A service as the search index holds it, so "who owns payments" and "who is on call for
 * payments" are answered from the search bar.
 *
 * @public
 */
export interface OperatingModelServiceDocument extends IndexableDocument {
  entityRef: string;
  /** The owning team's entity ref, or an empty string. */
  owner: string;
  ownerTitle: string;
  /** The name of the person on call now, or an empty string when nobody is. */
  onCall: string;
  onCallRef: string;
  domain: string;
}

/**
 * What the collator factory needs to read the operating-model backend's directory.
 *
 * @public
 */
export interface OperatingModelCollatorOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Where an entity's page is, as the catalog collator writes it. */
  locationTemplate?: string;
  /** For tests; the platform's fetch otherwise. */
  fetch?: typeof fetch;
}

const DEFAULT_LOCATION_TEMPLATE = '/catalog/:namespace/:kind/:name';

/*
 * The index is read long after it is written and by anyone, anywhere: its times are in UTC with
 * the date, the rota's own clock beside them where it differs, in one locale on every server.
 */
const INDEX_ZONE = 'UTC';
const INDEX_LOCALE = 'en-GB';

function location(template: string, entityRef: string): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
  if (!match) return template;
  const [, kind, namespace, name] = match;
  return template
    .replace(':namespace', encodeURIComponent(namespace))
    .replace(':kind', encodeURIComponent(kind))
    .replace(':name', encodeURIComponent(name));
}

function onCallText(
  service: DirectoryService,
  onCallAt: string | null,
): string {
  const input = directoryOnCallWordsInput(service);
  if (!input || !service.onCall) return 'On call now: not worked out yet.';
  const options = {
    viewerZone: INDEX_ZONE,
    rotaZone: service.onCall.timezone,
    locale: INDEX_LOCALE,
  };
  const when = onCallAt ? ` at ${formatOnCallTime(onCallAt, options)}` : '';
  return `On call${when} — ${describeOnCall(input, options).text}.`;
}

/**
 * The document's text, in the words of the question it answers; who is on call is said as at
 * `onCallAt`, the instant the directory worked it out for.
 *
 * @public
 */
export function serviceDocumentText(
  service: DirectoryService,
  onCallAt: string | null,
): string {
  const model = modelInForce(service);
  const targets = [
    model ? OPERATING_MODEL_TITLES[model] : 'operating model not known',
    service.availabilityTarget === null
      ? 'no availability target'
      : `${formatAvailability(service.availabilityTarget)} availability target`,
    service.deploymentTarget === null
      ? 'no deployment target'
      : `deploys ${service.deploymentTarget}`,
  ].join(', ');
  return [
    service.owner
      ? `Owned by ${service.ownerTitle ?? service.owner}.`
      : 'No owner.',
    onCallText(service, onCallAt),
    `${targets}.`,
    service.domain
      ? `Domain ${service.domainTitle ?? service.domain}.`
      : 'No domain.',
  ].join(' ');
}

/** Rows a request of the directory asks for: the most the backend gives in one page. */
const PAGE = 500;

/**
 * Indexes every service of the operating-model directory, read a page at a time
 * (`GET /api/operating-model/directory/services`) as this module's own service through a
 * plugin-to-plugin token.
 *
 * @public
 */
export class OperatingModelCollatorFactory implements DocumentCollatorFactory {
  readonly type = OPERATING_MODEL_SERVICE_DOCUMENT_TYPE;
  private readonly locationTemplate: string;

  constructor(private readonly options: OperatingModelCollatorOptions) {
    this.locationTemplate =
      options.locationTemplate ?? DEFAULT_LOCATION_TEMPLATE;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<OperatingModelServiceDocument> {
    const seen = new Set<string>();
    let offset = 0;
    for (;;) {
      const page = await this.readPage(offset);
      if (offset === 0) {
        this.options.logger.info(
          `Indexing ${page.total} operating-model services`,
        );
      }
      for (const item of page.items) {
        // A refresh between two pages can move a row by one: it is indexed once.
        if (item.kind !== 'service' || seen.has(item.service.ref)) continue;
        seen.add(item.service.ref);
        yield this.document(item.service, page.onCallAt);
      }
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.itemCount) return;
    }
  }

  private document(
    service: DirectoryService,
    onCallAt: string | null,
  ): OperatingModelServiceDocument {
    return {
      title: service.title,
      text: serviceDocumentText(service, onCallAt),
      location: location(this.locationTemplate, service.ref),
      entityRef: service.ref,
      owner: service.owner ?? '',
      ownerTitle: service.ownerTitle ?? '',
      onCall: service.onCall?.person?.title ?? '',
      onCallRef: service.onCall?.person?.ref ?? '',
      domain: service.domainTitle ?? '',
    };
  }

  private async readPage(offset: number): Promise<DirectoryServicesPage> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('operating-model');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'operating-model',
    });
    const fetchFn = this.options.fetch ?? fetch;
    const response = await fetchFn(
      `${baseUrl}/directory/services?offset=${offset}&limit=${PAGE}`,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as DirectoryServicesPage;
  }
}
