/**
 * The operating-model backend plugin: it reads ownership and the operating-model annotations
 * from the catalog and serves each service's operating model, targets, rotas and measures.
 *
 * @packageDocumentation
 */
export { operatingModelPlugin as default } from './plugin';
