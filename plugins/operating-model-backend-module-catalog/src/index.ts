/**
 * A catalog module for the operating-model plugins that can report unreadable
 * `operating-model.io/` annotations as catalog processing errors.
 *
 * @packageDocumentation
 */
export { catalogModuleOperatingModelAnnotations as default } from './module';
export { OperatingModelAnnotationProcessor } from './OperatingModelAnnotationProcessor';
