import { mockApis } from '@backstage/frontend-test-utils';
import {
  OperatingModelTranslation,
  operatingModelTranslationRef,
} from '../../translation';

/** The plugin's messages in English, for tests of functions that take the translation function. */
export function testTranslation(): OperatingModelTranslation {
  const snapshot = mockApis
    .translation()
    .getTranslation(operatingModelTranslationRef);
  if (!snapshot.ready) throw new Error('The mock translations are not ready');
  return snapshot.t;
}
