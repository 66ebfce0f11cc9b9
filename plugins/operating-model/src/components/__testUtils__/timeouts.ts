/**
 * For a test that renders one of the large Material UI views (the directory, the onboarding
 * form, the override form) and drives it. Each answer or filter re-renders the view: a third
 * of a second on an idle machine and several times that on a busy two-core one, where the
 * first render of a file also pays for compiling the components. Jest's five seconds would fail
 * a correct test there. The waits inside return as soon as what they wait for is on screen;
 * this only bounds a test that hangs.
 */
export const VIEW_TEST_TIMEOUT_MS = 30_000;
