import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  OperatingModelConfig,
  OperatingModelName,
  deploymentsPer30Days,
  normaliseFeatureDemand,
  selectorRegionModel,
} from '@operating-model/backstage-plugin-operating-model-common';
import Typography from '@material-ui/core/Typography';
import { Theme, alpha, useTheme } from '@material-ui/core/styles';
import { AssessedService } from '../../api';
import { frequencyTitle, modelTitle } from '../shared/describe';
import { formatAvailability, formatMoney } from '../shared/format';

const CELL_WIDTH = 200;
const CELL_HEIGHT = 150;
const LEFT = 150;
const TOP = 16;
const BOTTOM = 70;
const LINE = 17;

/** The chart's colour for each model, from the theme: blue, orange and grey in Backstage's. */
function modelColours(
  theme: Theme,
): Record<OperatingModelName | 'open', { region: string; point: string }> {
  const colour = (main: string) => ({
    region: alpha(main, theme.palette.type === 'dark' ? 0.28 : 0.16),
    point: main,
  });
  return {
    'you-build-it-you-run-it': colour(theme.palette.info.main),
    'ops-run-it': colour(theme.palette.warning.main),
    open: colour(theme.palette.text.secondary),
  };
}

/** Where a service sits on the chart: a column by feature demand, a row by the target in force. */
export interface PlacedService {
  service: AssessedService;
  column: number;
  row: number;
}

/** Splits services into those the chart can place and those whose annotations do not allow it. */
export function placeServices(
  services: AssessedService[],
  demandKeys: string[],
  config: OperatingModelConfig,
): { placed: PlacedService[]; unplaced: AssessedService[] } {
  const placed: PlacedService[] = [];
  const unplaced: AssessedService[] = [];
  for (const service of services) {
    const column = service.featureDemand
      ? demandKeys.indexOf(normaliseFeatureDemand(service.featureDemand))
      : -1;
    const row = config.availabilityBands.findIndex(
      band => band.availability === service.availabilityTarget,
    );
    if (column < 0 || row < 0) unplaced.push(service);
    else placed.push({ service, column, row });
  }
  return { placed, unplaced };
}

/**
 * The playbook's operating model selector: feature demand across, financial exposure up, each
 * region coloured by the model it suggests and each service a labelled point linking to its page.
 */
export function OperatingModelSelectorChart(props: {
  services: AssessedService[];
  config: OperatingModelConfig;
}) {
  const { services, config } = props;
  const theme = useTheme();
  const colours = modelColours(theme);
  const entityRoute = useRouteRef(entityRouteRef);

  const demandKeys = Object.keys(config.featureDemandBands).sort(
    (a, b) =>
      (deploymentsPer30Days(
        config.featureDemandBands[a],
        config.deploymentFrequencies,
      ) ?? 0) -
      (deploymentsPer30Days(
        config.featureDemandBands[b],
        config.deploymentFrequencies,
      ) ?? 0),
  );
  const bands = config.availabilityBands;
  const width = LEFT + demandKeys.length * CELL_WIDTH + 8;
  const height = TOP + bands.length * CELL_HEIGHT + BOTTOM;
  const rowY = (row: number) => TOP + (bands.length - 1 - row) * CELL_HEIGHT;
  const { placed, unplaced } = placeServices(services, demandKeys, config);

  const cells = new Map<string, PlacedService[]>();
  for (const p of placed) {
    const key = `${p.column}:${p.row}`;
    cells.set(key, [...(cells.get(key) ?? []), p]);
  }

  const linkTo = (entityRef: string) => {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    });
  };

  return (
    <div>
      <svg
        role="img"
        aria-label={`Operating model selector with ${placed.length} services placed`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width, fontFamily: theme.typography.fontFamily }}
      >
        {bands.map((band, row) =>
          demandKeys.map((demand, column) => {
            const model = selectorRegionModel(
              band.availability,
              config.featureDemandBands[demand],
              config.deploymentFrequencies,
            );
            return (
              <rect
                key={`${row}:${column}`}
                data-testid={`region-${band.availability}-${demand}`}
                data-model={model ?? 'open'}
                x={LEFT + column * CELL_WIDTH}
                y={rowY(row)}
                width={CELL_WIDTH}
                height={CELL_HEIGHT}
                fill={colours[model ?? 'open'].region}
                stroke={theme.palette.divider}
              />
            );
          }),
        )}
        {bands.map((band, row) => (
          <g key={`band-${row}`} fill={theme.palette.text.primary}>
            <text
              x={LEFT - 10}
              y={rowY(row) + CELL_HEIGHT / 2 - 4}
              textAnchor="end"
              fontSize={15}
              fontWeight={500}
            >
              {formatAvailability(band.availability)}
            </text>
            <text
              x={LEFT - 10}
              y={rowY(row) + CELL_HEIGHT / 2 + 14}
              textAnchor="end"
              fontSize={12}
              fill={theme.palette.text.secondary}
            >
              up to {formatMoney(band.maxExposurePerHour, config.currency)}/h
            </text>
          </g>
        ))}
        {demandKeys.map((demand, column) => (
          <g key={`demand-${demand}`}>
            <text
              x={LEFT + column * CELL_WIDTH + CELL_WIDTH / 2}
              y={TOP + bands.length * CELL_HEIGHT + 20}
              textAnchor="middle"
              fontSize={14}
              fontWeight={500}
              fill={theme.palette.text.primary}
            >
              {frequencyTitle(demand)} demand
            </text>
            <text
              x={LEFT + column * CELL_WIDTH + CELL_WIDTH / 2}
              y={TOP + bands.length * CELL_HEIGHT + 37}
              textAnchor="middle"
              fontSize={12}
              fill={theme.palette.text.secondary}
            >
              {frequencyTitle(config.featureDemandBands[demand])} deployments
            </text>
          </g>
        ))}
        <text
          x={LEFT + (demandKeys.length * CELL_WIDTH) / 2}
          y={height - 8}
          textAnchor="middle"
          fontSize={13}
          fill={theme.palette.text.secondary}
        >
          Feature demand →
        </text>
        <text
          transform={`translate(16 ${
            TOP + (bands.length * CELL_HEIGHT) / 2
          }) rotate(-90)`}
          textAnchor="middle"
          fontSize={13}
          fill={theme.palette.text.secondary}
        >
          Financial exposure →
        </text>
        {[...cells.values()].map(group => {
          const perColumn = Math.max(1, Math.floor((CELL_HEIGHT - 12) / LINE));
          const columns = Math.ceil(group.length / perColumn);
          const columnWidth = CELL_WIDTH / columns;
          const maxChars = columns === 1 ? 26 : 12;
          return group.map((p, index) => {
            const x =
              LEFT +
              p.column * CELL_WIDTH +
              Math.floor(index / perColumn) * columnWidth +
              10;
            const y = rowY(p.row) + 14 + (index % perColumn) * LINE;
            const { recommended, declared } = p.service.operatingModel;
            const colour = colours[recommended ?? 'open'].point;
            const differs = declared !== null && declared !== recommended;
            const label = p.service.titles.service;
            return (
              <a
                key={p.service.entityRef}
                href={linkTo(p.service.entityRef)}
                aria-label={label}
              >
                <title>
                  {`${label}: ${formatAvailability(
                    p.service.availabilityTarget ?? 0,
                  )}, ${frequencyTitle(
                    p.service.deploymentTarget,
                  )}, ${modelTitle(recommended)}${
                    differs ? ` (declared ${modelTitle(declared)})` : ''
                  }`}
                </title>
                <circle
                  cx={x}
                  cy={y - 4}
                  r={5}
                  fill={colour}
                  stroke={differs ? theme.palette.error.main : 'none'}
                  strokeWidth={differs ? 3 : 0}
                />
                <text
                  x={x + 9}
                  y={y}
                  fontSize={12}
                  fill={theme.palette.text.primary}
                >
                  {label.length > maxChars
                    ? `${label.slice(0, maxChars - 1)}…`
                    : label}
                </text>
              </a>
            );
          });
        })}
      </svg>
      <Typography variant="body2" color="textSecondary">
        Regions: blue suggests {modelTitle('you-build-it-you-run-it')}, orange{' '}
        {modelTitle('ops-run-it')}, grey is open. Points are coloured by each
        service's own recommendation, which also weighs its class (foundational
        systems run under {modelTitle('ops-run-it')}); a red ring marks a
        declared model that differs.
      </Typography>
      {unplaced.length > 0 && (
        <Typography
          variant="body2"
          color="error"
          data-testid="unplaced-services"
        >
          Not placed, because an annotation is missing or unreadable:{' '}
          {unplaced.map(s => s.titles.service).join(', ')}
        </Typography>
      )}
    </div>
  );
}
