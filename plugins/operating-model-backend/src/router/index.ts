import express from 'express';
import Router from 'express-promise-router';
import { ServicesRouterOptions, createServicesRouter } from './services';
import { RotasRouterOptions, createRotasRouter } from './rotas';
import { EventsRouterOptions, createEventsRouter } from './events';
import { MeasuresRouterOptions, createMeasuresRouter } from './measures';

export type RouterOptions = ServicesRouterOptions &
  RotasRouterOptions &
  EventsRouterOptions &
  MeasuresRouterOptions;

/** The plugin's HTTP API, one sub-router per surface. */
export function createRouter(options: RouterOptions): express.Router {
  const router = Router();
  router.use(express.json({ limit: '10mb' }));
  router.use(createServicesRouter(options));
  router.use(createRotasRouter(options));
  router.use(createEventsRouter(options));
  router.use(createMeasuresRouter(options));
  return router;
}
