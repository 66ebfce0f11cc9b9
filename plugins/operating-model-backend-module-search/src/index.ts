/**
 * A search module for the operating-model plugins: one search document per service, with its
 * owner and who is on call for it now.
 *
 * @packageDocumentation
 */
export { searchModuleOperatingModelCollator as default } from './module';
export {
  OperatingModelCollatorFactory,
  OPERATING_MODEL_SERVICE_DOCUMENT_TYPE,
  serviceDocumentText,
} from './OperatingModelCollatorFactory';
export type {
  OperatingModelCollatorOptions,
  OperatingModelServiceDocument,
} from './OperatingModelCollatorFactory';
