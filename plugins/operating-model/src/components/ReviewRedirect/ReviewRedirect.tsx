import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { backendStatus } from '../shared/backendMessage';
import { notWebAddressText, webAddress } from '../shared/webAddress';

/**
 * `/operating-model/reviews/:source/:id`: records the signed-in person as a reader of a
 * post-incident review, then sends them on to it. Links to reviews point here, so that "review
 * readers" counts people who opened a review, not people who were sent one.
 *
 * @public
 */
export function ReviewRedirect(props: {
  /** Where to go once the read is recorded; the browser's own location unless a test says otherwise. */
  assign?: (url: string) => void;
}) {
  const { source = '', id = '' } = useParams();
  const api = useApi(operatingModelApiRef);
  const { value, loading, error } = useAsync(
    () => api.readReview(source, id),
    [api, source, id],
  );
  const assign = props.assign ?? ((url: string) => window.location.assign(url));
  // Only an http: or https: address is followed: a stored `javascript:` URL would run in the portal.
  const target = webAddress(value?.url);

  useEffect(() => {
    if (target) assign(target);
    // Only a new answer should navigate; `assign` is a fresh function on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  let body;
  if (value && !target) {
    body = (
      <EmptyState
        missing="content"
        title="This review's address cannot be opened"
        description={`The read is recorded, but the review ${id} from ${source} is not opened: ${notWebAddressText(
          value.url ?? '',
        )}. Ask whoever sends reviews to the portal to correct its link.`}
      />
    );
  } else if (loading || value) {
    body = <Progress />;
  } else if (error && backendStatus(error) === 404) {
    body = (
      <EmptyState
        missing="content"
        title="No such post-incident review"
        description={`There is no review ${id} from ${source} with a link to open. It may not have been sent to the portal yet.`}
      />
    );
  } else {
    body = (
      <ResponseErrorPanel
        error={error ?? new Error('The review could not be opened')}
      />
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Opening the post-incident review"
        subtitle={`${source} · ${id}`}
      />
      <Content>{body}</Content>
    </Page>
  );
}
