import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The plugin's user-visible strings, in English. An app overrides them or adds a language with
 * `createTranslationMessages` / `createTranslationResource` and `TranslationBlueprint`; keys are
 * grouped by the screen they appear on.
 *
 * @public
 */
export const operatingModelTranslationRef = createTranslationRef({
  id: 'operating-model',
  messages: {
    page: {
      title: 'Operating model',
    },
    directoryPage: {
      title: 'Who owns what',
    },
    entityContent: {
      onCall: { title: 'On call' },
      measures: { title: 'Measures' },
    },
  },
});
