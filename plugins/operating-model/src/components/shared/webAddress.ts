/**
 * The address to link to or navigate to, when the text is an absolute `http:` or `https:` URL;
 * undefined for anything else. Runbooks, channels and reviews arrive from catalog files and
 * ingestion calls, so a stored `javascript:`, `data:` or relative address must never reach an
 * href or `window.location`.
 */
export function webAddress(
  text: string | null | undefined,
): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:'
    ? url.href
    : undefined;
}

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
