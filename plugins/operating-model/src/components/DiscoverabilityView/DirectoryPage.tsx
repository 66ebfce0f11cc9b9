import { Content, Header, Page } from '@backstage/core-components';
import { DiscoverabilityView } from './DiscoverabilityView';

/**
 * The discoverability view on a page of its own, for an app that wants it outside the
 * `/operating-model` page (where it is the first tab).
 *
 * @public
 */
export function DirectoryPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Who owns what"
        subtitle="Every team and service, who is on call now, and how each does against its targets"
      />
      <Content>
        <DiscoverabilityView />
      </Content>
    </Page>
  );
}
