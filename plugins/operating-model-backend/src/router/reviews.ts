import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { webAddress } from '@operating-model/backstage-plugin-operating-model-common';
import { checkText } from './params';
import { ReviewReads } from '../reviews/ReviewReads';

export interface ReviewsRouterOptions {
  reviewReads: ReviewReads;
  httpAuth: HttpAuthService;
  now: () => Date;
}

/**
 * `POST /reviews/{source}/{externalId}/read`: records the signed-in person as a reader of a
 * post-incident review and answers `{ url }` for the portal to send them on to it. Only users:
 * a read is a person's, and a person records only their own, so no permission is asked for.
 */
export function createReviewsRouter(options: ReviewsRouterOptions) {
  const { reviewReads, httpAuth, now } = options;
  const router = Router();

  router.post('/reviews/:source/:externalId/read', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const source = checkText(req.params.source, 'source', 255);
    const externalId = checkText(req.params.externalId, 'externalId', 255);
    const review = await reviewReads.find(source, externalId);
    if (!review) {
      throw new NotFoundError(
        `No post-incident review ${externalId} from ${source}`,
      );
    }
    if (!review.url) {
      // Nothing to open, so nothing was read.
      throw new NotFoundError(
        `The post-incident review ${externalId} from ${source} was sent without a url`,
      );
    }
    if (webAddress(review.url) === undefined) {
      // Stored before only http and https were taken: never hand the portal another scheme.
      throw new NotFoundError(
        `The post-incident review ${externalId} from ${source} has no http or https url`,
      );
    }
    await reviewReads.record(
      review,
      credentials.principal.userEntityRef,
      now(),
    );
    res.json({ url: review.url });
  });

  return router;
}
