/**
 * The address to link to or navigate to, when the text is an absolute `http:` or `https:` URL;
 * undefined for anything else. Runbooks, channels and reviews arrive from catalog files and
 * ingestion calls, so a stored `javascript:`, `data:` or relative address must never reach an
 * href or `window.location`. The backend stores, and the frontend links to, only what this accepts.
 *
 * @public
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
