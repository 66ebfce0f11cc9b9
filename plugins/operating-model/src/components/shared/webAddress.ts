import { webAddress } from '@operating-model/backstage-plugin-operating-model-common';

export { webAddress };

/** Why an address is not followed, naming it, for the page that would have navigated to it. */
export function notWebAddressText(text: string): string {
  let scheme: string | undefined;
  try {
    scheme = new URL(text).protocol;
  } catch {
    scheme = undefined;
  }
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return scheme
    ? `${JSON.stringify(
        shown,
      )} is a ${scheme} address; only http: and https: addresses are opened`
    : `${JSON.stringify(
        shown,
      )} is not an absolute web address; only http: and https: addresses are opened`;
}
