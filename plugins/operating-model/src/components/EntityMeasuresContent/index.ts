export { EntityMeasuresContent } from './EntityMeasuresContent';
