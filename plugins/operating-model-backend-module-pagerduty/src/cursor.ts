/** An incident read while not yet resolved: its id and when its status last changed. */
export type OpenIncident = [id: string, lastStatusChangeAt: string];

/**
 * One sync pass: every mapped service's incidents created since the last pass, and the open
 * incidents of earlier passes read again. A pass spans several reads; it is kept in the cursor,
 * so a run that fails or times out goes on from the last page written.
 */
export interface SyncPass {
  /** The end of this pass's windows, fixed when it began. */
  until: string;
  /** Every service id the catalog named when the pass began, sorted. */
  serviceIds: string[];
  /** Service ids still to check with `GET /services/{id}`. */
  toCheck: string[];
  /** How many of the cursor's `open` incidents this pass has read again. */
  reread: number;
  /** How many batches of services are fully read. */
  batch: number;
  /** Where the window being read in the current batch starts; unset at a batch's start. */
  since?: string;
  /** The offset of the next page in that window. */
  offset: number;
  /** Incidents found open in this pass: the next pass reads them again. */
  open: OpenIncident[];
}

/** What the next read of the PagerDuty source needs: written with each page's incidents. */
export interface PagerDutyCursor {
  v: 1;
  /** The end of the last complete pass: incidents created before it are read for `services`. */
  through?: string;
  /** The service ids read through `through`, sorted. */
  services: string[];
  /** Service ids PagerDuty answered 404 for, sorted; checked again at the next full check. */
  unknown: string[];
  /** When every service id was last checked; ids new since then are checked in every pass. */
  checkedAt?: string;
  /** Incidents not yet resolved when last read, read again by id until they are. */
  open: OpenIncident[];
  /** The pass under way, if any. */
  pass?: SyncPass;
}

/** A cursor for a source that has never run. */
export const emptyCursor = (): PagerDutyCursor => ({
  v: 1,
  services: [],
  unknown: [],
  open: [],
});

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(v => typeof v === 'string');

const isOpenList = (value: unknown): value is OpenIncident[] =>
  Array.isArray(value) &&
  value.every(
    v =>
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string',
  );

function isPass(value: unknown): value is SyncPass {
  const pass = value as Partial<SyncPass> | null;
  return (
    typeof pass === 'object' &&
    pass !== null &&
    typeof pass.until === 'string' &&
    isStringArray(pass.serviceIds) &&
    isStringArray(pass.toCheck) &&
    Number.isInteger(pass.reread) &&
    Number.isInteger(pass.batch) &&
    (pass.since === undefined || typeof pass.since === 'string') &&
    Number.isInteger(pass.offset) &&
    isOpenList(pass.open)
  );
}

/**
 * The cursor the runner kept, or undefined when there is none or it is not one this version
 * wrote; the caller then starts from scratch, which only reads incidents again (the same
 * external ids update, never duplicate).
 */
export function readCursor(
  raw: string | undefined,
): PagerDutyCursor | undefined {
  if (raw === undefined) return undefined;
  let value: Partial<PagerDutyCursor>;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    value.v !== 1 ||
    (value.through !== undefined && typeof value.through !== 'string') ||
    !isStringArray(value.services) ||
    !isStringArray(value.unknown) ||
    (value.checkedAt !== undefined && typeof value.checkedAt !== 'string') ||
    !isOpenList(value.open) ||
    (value.pass !== undefined && !isPass(value.pass))
  ) {
    return undefined;
  }
  return value as PagerDutyCursor;
}
