/* eslint-disable no-script-url -- these tests store script URLs on purpose, to see that none is followed */
import { ResponseError } from '@backstage/errors';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { operatingModelRouteRef } from '../../routes';
import { ReviewLink } from './ReviewLink';
import { ReviewRedirect } from './ReviewRedirect';

async function renderRedirect(
  api: Partial<OperatingModelApi>,
  path: string,
  assign = jest.fn(),
) {
  await renderInTestApp(
    <TestApiProvider apis={[[operatingModelApiRef, api]]}>
      <Routes>
        <Route
          path="/reviews/:source/:id"
          element={<ReviewRedirect assign={assign} />}
        />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [path] },
  );
  return assign;
}

async function notFound(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No post-incident review' },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

describe('ReviewRedirect', () => {
  it('records the read, then sends the browser to the review', async () => {
    const readReview = jest
      .fn()
      .mockResolvedValue({ url: 'https://wiki.example/pir-1' });
    const assign = await renderRedirect(
      { readReview },
      '/reviews/confluence/PIR%201%2Fa',
    );
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://wiki.example/pir-1'),
    );
    expect(assign).toHaveBeenCalledTimes(1);
    expect(readReview).toHaveBeenCalledWith('confluence', 'PIR 1/a');
  });

  it.each([
    [
      'javascript:alert(document.cookie)',
      /"javascript:alert\(document.cookie\)" is a javascript: address; only http: and https: addresses are opened/,
    ],
    [' JavaScript:alert(1)', /is a javascript: address/],
    ['data:text/html,<script>alert(1)</script>', /is a data: address/],
    ['wiki/pir-1', /"wiki\/pir-1" is not an absolute web address/],
  ])(
    'does not follow the stored address %j, and says why',
    async (url, why) => {
      const assign = await renderRedirect(
        { readReview: jest.fn().mockResolvedValue({ url }) },
        '/reviews/confluence/PIR-1',
      );
      expect(
        await screen.findByText("This review's address cannot be opened"),
      ).toBeInTheDocument();
      expect(screen.getByText(why)).toHaveTextContent(
        /^The read is recorded, but the review PIR-1 from confluence is not opened: /,
      );
      expect(assign).not.toHaveBeenCalled();
    },
  );

  it('says when the review is not known', async () => {
    const assign = await renderRedirect(
      {
        readReview: jest.fn().mockImplementation(async () => {
          throw await notFound();
        }),
      },
      '/reviews/confluence/PIR-404',
    );
    expect(
      await screen.findByText('No such post-incident review'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/There is no review PIR-404 from confluence/),
    ).toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
  });

  it('shows any other failure', async () => {
    await renderRedirect(
      { readReview: jest.fn().mockRejectedValue(new Error('backend down')) },
      '/reviews/confluence/PIR-1',
    );
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});

describe('ReviewLink', () => {
  const review = {
    source: 'confluence',
    externalId: 'PIR 1',
    title: 'Beds',
    url: 'https://wiki.example/pir-1',
  };

  it('links through the page that records the read', async () => {
    await renderInTestApp(<ReviewLink review={review} />, {
      mountedRoutes: { '/operating-model': operatingModelRouteRef },
    });
    expect(screen.getByRole('link', { name: 'Beds' })).toHaveAttribute(
      'href',
      '/operating-model/reviews/confluence/PIR%201',
    );
  });

  it('links straight to the review where the page is not mounted, and to the incident’s own link without a review', async () => {
    await renderInTestApp(
      <>
        <ReviewLink review={review} />
        <ReviewLink review={null} reviewUrl="https://wiki.example/pir-2" />
        <ReviewLink review={null} />
      </>,
    );
    expect(screen.getByRole('link', { name: /^Beds/ })).toHaveAttribute(
      'href',
      'https://wiki.example/pir-1',
    );
    expect(
      screen.getByRole('link', { name: /^Read the review/ }),
    ).toHaveAttribute('href', 'https://wiki.example/pir-2');
    expect(screen.getByText('—')).toBeInTheDocument();
  });

  it('never links to a review address that is not http: or https:', async () => {
    const unsafe = { ...review, url: 'javascript:alert(1)' };
    await renderInTestApp(
      <>
        <ReviewLink review={unsafe} />
        <ReviewLink
          review={{ ...unsafe, title: 'Sofas' }}
          reviewUrl="https://wiki.example/pir-3"
        />
        <ReviewLink review={null} reviewUrl="data:text/html,hi" />
      </>,
      { mountedRoutes: { '/operating-model': operatingModelRouteRef } },
    );
    expect(screen.getByText('Beds (not a web link)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Sofas/ })).toHaveAttribute(
      'href',
      'https://wiki.example/pir-3',
    );
    expect(
      screen.getByText('Read the review (not a web link)'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });
});
