import express from 'express';
import Router from 'express-promise-router';
import { ServicesRouterOptions, createServicesRouter } from './services';
import { RotasRouterOptions, createRotasRouter } from './rotas';
import { EventsRouterOptions, createEventsRouter } from './events';
import { MeasuresRouterOptions, createMeasuresRouter } from './measures';
import { DirectoryRouterOptions, createDirectoryRouter } from './directory';
import { MeasureSeriesRouterOptions, createMeasureSeriesRouter } from './measureSeries';
import { ReviewsRouterOptions, createReviewsRouter } from './reviews';
import { IncidentLossRouterOptions, createIncidentLossRouter } from './incidentLoss';
import { CostsRouterOptions, createCostsRouter } from './costs';
import { PitfallsRouterOptions, createPitfallsRouter } from './pitfalls';

export type RouterOptions = ServicesRouterOptions &
  RotasRouterOptions &
  EventsRouterOptions &
  MeasuresRouterOptions &
  DirectoryRouterOptions &
  MeasureSeriesRouterOptions &
  ReviewsRouterOptions &
  IncidentLossRouterOptions &
  CostsRouterOptions &
  PitfallsRouterOptions;

/** The plugin's HTTP API, one sub-router per surface. */
export function createRouter(options: RouterOptions): express.Router {
  const router = Router();
  router.use(express.json({ limit: '10mb' }));
  router.use(createServicesRouter(options));
  router.use(createRotasRouter(options));
  router.use(createEventsRouter(options));
  router.use(createMeasuresRouter(options));
  router.use(createDirectoryRouter(options));
  router.use(createMeasureSeriesRouter(options));
  router.use(createReviewsRouter(options));
  router.use(createIncidentLossRouter(options));
  router.use(createCostsRouter(options));
  router.use(createPitfallsRouter(options));
  return router;
}
