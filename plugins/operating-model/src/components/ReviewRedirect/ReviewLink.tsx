import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ReviewKey } from '@operating-model/backstage-plugin-operating-model-common';
import { operatingModelRouteRef } from '../../routes';
import { WebLink } from '../shared/WebLink';
import { webAddress } from '../shared/webAddress';

/**
 * The path that records a read and opens a review, or undefined where the plugin's page is not
 * mounted (the link then goes straight to the review, and the read is not counted).
 */
function useReviewPath(): ((review: ReviewKey) => string) | undefined {
  let root: (() => string) | undefined;
  try {
    // Called on every render, so the order of hooks stays the same; the try only catches the
    // throw of a route ref whose page is not mounted.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    root = useRouteRef(operatingModelRouteRef);
  } catch {
    // Every hook inside useRouteRef has run by the time it throws, so the order stays the same.
    root = undefined;
  }
  if (!root) return undefined;
  const base = root().replace(/\/$/, '');
  return review =>
    `${base}/reviews/${encodeURIComponent(review.source)}/${encodeURIComponent(
      review.externalId,
    )}`;
}

/** A link to an incident's post-incident review, through the page that counts its readers. */
export function ReviewLink(props: {
  review: ReviewKey | null;
  reviewUrl?: string | null;
}) {
  const path = useReviewPath();
  const { review, reviewUrl } = props;
  const title = review?.title ?? 'Read the review';
  // A review without a web address cannot be opened, so its read could not be recorded either.
  if (review && webAddress(review.url) && path)
    return <Link to={path(review)}>{title}</Link>;
  const direct = webAddress(review?.url)
    ? review?.url
    : reviewUrl ?? review?.url;
  if (direct) return <WebLink url={direct}>{title}</WebLink>;
  return <>—</>;
}
