/**
 * The search document type of the operating-model collator: one document per service. The
 * frontend's result type filter offers it by this value.
 *
 * @public
 */
export const OPERATING_MODEL_SERVICE_DOCUMENT_TYPE = 'operating-model-service';
