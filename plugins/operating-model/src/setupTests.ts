import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// `findBy…` and `waitFor` return as soon as what they wait for is on screen; this is only how
// long they keep looking before failing. A second, the default, is less than one render of a
// Material UI form takes on a busy two-core machine.
configure({ asyncUtilTimeout: 10_000 });

// Figures, dates and times are written in the browser's locale (components/shared/format.ts).
// The tests pin it, so what they expect does not depend on the machine that runs them.
Object.defineProperty(window.navigator, 'languages', {
  configurable: true,
  get: () => ['en-GB'],
});
