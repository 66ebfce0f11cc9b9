import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { directoryService } from '../DiscoverabilityView/testDirectory';
import { OwnershipWarnings } from './OwnershipWarnings';

async function renderWarnings(api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[operatingModelApiRef, api]]}>
      <OwnershipWarnings entityRef="component:default/bedroom" />
      <span>rendered</span>
    </TestApiProvider>,
  );
  await screen.findByText('rendered');
}

describe('OwnershipWarnings', () => {
  it('lists the service’s ownership findings', async () => {
    const getDirectoryService = jest.fn().mockResolvedValue(
      directoryService({
        ownership: [
          {
            code: 'owner-not-a-team',
            subject: 'group:default/retail',
            message:
              'Owned by Retail, a Group of type "department", not a team',
          },
          {
            code: 'shared-database',
            subject: 'resource:default/db',
            usedBy: [],
            message: 'Product database is also used by Search',
          },
        ],
      }),
    );
    await renderWarnings({ getDirectoryService });
    expect(await screen.findByText(/2 ownership problems/)).toBeInTheDocument();
    expect(screen.getByText(/not a team/)).toBeInTheDocument();
    // What the rules are and how to fix them, above the findings.
    expect(
      screen.getByText(/one on-call product team owns each service/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Product database is also used by Search'),
    ).toBeInTheDocument();
    expect(getDirectoryService).toHaveBeenCalledWith(
      'component:default/bedroom',
    );
  });

  it.each([
    [
      'there are no findings',
      { getDirectoryService: jest.fn().mockResolvedValue(directoryService()) },
    ],
    [
      'the row cannot be read',
      { getDirectoryService: jest.fn().mockRejectedValue(new Error('404')) },
    ],
  ])('shows nothing when %s', async (_, api) => {
    await renderWarnings(api);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(screen.queryByTestId('ownership-warnings')).not.toBeInTheDocument();
  });
});
