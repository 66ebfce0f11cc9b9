export { OnboardingForm, domainRotaSiblings } from './OnboardingForm';
export type { OnboardingFormProps } from './OnboardingForm';
