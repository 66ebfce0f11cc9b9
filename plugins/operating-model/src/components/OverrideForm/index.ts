export { OverrideForm } from './OverrideForm';
export type { OverrideFormProps } from './OverrideForm';
