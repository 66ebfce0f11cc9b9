import { Knex } from 'knex';
import { EventStore } from '../events/EventStore';

/** What the tool that records reads from the portal is called in `review_reads.source`. */
export const PORTAL_SOURCE = 'backstage';

/** A post-incident review as a reader opens it. */
export interface ReviewToRead {
  source: string;
  externalId: string;
  title: string | null;
  url: string | null;
}

/**
 * Reads of post-incident reviews made through the portal: a person opens a review through a link
 * that records the read and then takes them to it, so "review readers" counts people who really
 * opened the review, once each however often they come back.
 */
export class ReviewReads {
  constructor(
    private readonly options: { knex: Knex; eventStore: EventStore },
  ) {}

  /** The review sent with this source and external id, if there is one. */
  async find(
    source: string,
    externalId: string,
  ): Promise<ReviewToRead | undefined> {
    const row = (await this.options
      .knex('reviews')
      .select('source', 'external_id', 'title', 'url')
      .where({ source, external_id: externalId })
      .first()) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return {
      source: String(row.source),
      externalId: String(row.external_id),
      title: (row.title as string | null) ?? null,
      url: (row.url as string | null) ?? null,
    };
  }

  /**
   * Records that a person read a review. It goes through the same upsert as reads sent to
   * `POST /events/review-reads`, keyed by review and person, so a second read only moves its time.
   */
  async record(review: ReviewToRead, person: string, at: Date): Promise<void> {
    await this.options.eventStore.write({
      kind: 'review-reads',
      records: [
        {
          source: PORTAL_SOURCE,
          reviewSource: review.source,
          reviewExternalId: review.externalId,
          person: person.toLocaleLowerCase('en-US'),
          readAt: at.getTime(),
        },
      ],
    });
  }
}
