import express from 'express';
import Router from 'express-promise-router';
import { ServicesRouterOptions, createServicesRouter } from './services';

export type RouterOptions = ServicesRouterOptions;

/** The plugin's HTTP API, one sub-router per surface. */
export function createRouter(options: RouterOptions): express.Router {
  const router = Router();
  router.use(express.json({ limit: '10mb' }));
  router.use(createServicesRouter(options));
  return router;
}
