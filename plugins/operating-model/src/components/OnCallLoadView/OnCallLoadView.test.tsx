import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { OnCallLoadReport } from '@operating-model/backstage-plugin-operating-model-common';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { OnCallLoadView, onCallLoadCsv } from './OnCallLoadView';

const person = (
  ref: string,
  figures: Partial<OnCallLoadReport['rotas'][number]['people'][number]>,
) => ({
  person: ref,
  hoursInHours: 0,
  hoursOutOfHours: 0,
  callouts: 0,
  calloutHours: 0,
  standbyPay: 0,
  calloutPay: 0,
  totalPay: 0,
  fromAverage: 0,
  flagged: false,
  ...figures,
});

const REPORT: OnCallLoadReport = {
  from: '2026-10-01T00:00:00.000Z',
  to: '2027-01-01T00:00:00.000Z',
  currency: 'GBP',
  remuneration: {
    model: 'standby-and-callout',
    standbyPerWeek: 350,
    calloutPerHour: 60,
  },
  flagAbove: 0.25,
  rotas: [
    {
      rotaRef: 'group:default/payments-team',
      kind: 'team',
      title: 'Payments team',
      optedOutCount: 1,
      averageHours: 112,
      people: [
        person('user:default/ana', {
          hoursInHours: 40,
          hoursOutOfHours: 128,
          callouts: 1,
          calloutHours: 1.5,
          standbyPay: 350,
          calloutPay: 90,
          totalPay: 440,
          fromAverage: 0.5,
          flagged: true,
        }),
        person('user:default/ben, "the second"', {
          hoursInHours: 40,
          hoursOutOfHours: 104,
          fromAverage: 0.286,
          flagged: true,
        }),
        person('user:default/cai', {
          hoursOutOfHours: 24,
          fromAverage: -0.786,
        }),
      ],
    },
  ],
};

async function renderView(
  api: Partial<OperatingModelApi>,
  onDownload = jest.fn(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [entityPresentationApiRef, entityPresentationApiMock()],
      ]}
    >
      <OnCallLoadView onDownload={onDownload} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return onDownload;
}

describe('OnCallLoadView', () => {
  it('shows each person’s hours, callouts and pay, flagging those above the average', async () => {
    await renderView({ getOnCallLoad: async () => REPORT });
    const ana = (await screen.findByText('+50%')).closest('tr')!;
    expect(within(ana).getByText('£440')).toBeInTheDocument();
    expect(within(ana).getByText('£350')).toBeInTheDocument();
    expect(within(ana).getByText('Above average')).toBeInTheDocument();
    expect(within(ana).getByText('1 (1.5 h)')).toBeInTheDocument();
    expect(
      screen.getByText('1 person opted out of on-call is counted, not named'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/more than \+25% above their rota’s average/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Above average')).toHaveLength(2);
  });

  it('narrows the table to the people above average', async () => {
    await renderView({ getOnCallLoad: async () => REPORT });
    fireEvent.click(
      await screen.findByLabelText('Only the 2 people above average'),
    );
    expect(screen.queryByText('-79%')).not.toBeInTheDocument();
    expect(screen.getByText('+29%')).toBeInTheDocument();
  });

  it('downloads every line as CSV, the awkward name quoted', async () => {
    const onDownload = await renderView({ getOnCallLoad: async () => REPORT });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Download CSV' }),
    );
    expect(onDownload).toHaveBeenCalledWith(
      'on-call-load-2026-10-01.csv',
      onCallLoadCsv(REPORT),
    );
    const lines = onCallLoadCsv(REPORT).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      'Payments team,group:default/payments-team,user:default/ana,40,128,1,1.5,350,90,440,112,+50%,yes',
    );
    expect(lines[2]).toContain('"user:default/ben, ""the second"""');
  });

  it('says why it is empty', async () => {
    await renderView({
      getOnCallLoad: async () => ({ ...REPORT, rotas: [] }),
    });
    expect(
      await screen.findByText('No rotas this quarter'),
    ).toBeInTheDocument();
  });

  it('shows the error when the report cannot be read', async () => {
    await renderView({
      getOnCallLoad: jest
        .fn()
        .mockRejectedValue(
          new Error('needs the operating-model.on-call-load.read permission'),
        ),
    });
    expect(
      (await screen.findAllByText(/operating-model.on-call-load.read/)).length,
    ).toBeGreaterThan(0);
  });
});
