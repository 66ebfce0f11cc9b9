export { EntityRotaContent } from './EntityRotaContent';
