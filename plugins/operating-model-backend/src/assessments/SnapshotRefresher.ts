import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import { OrgSnapshot } from '../catalog/readOrgSnapshot';
import { SnapshotStore } from '../catalog/SnapshotStore';
import { ServiceAssessments } from './ServiceAssessments';

/**
 * Reads the catalog into the assessments, one read at a time. The scheduler calls `refresh`
 * on its interval; requests call `ready`, which waits for the first read, and re-reads an
 * empty catalog at most every few seconds so a freshly started app fills in without waiting
 * for the next scheduled run.
 */
export class SnapshotRefresher {
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly options: {
      read: () => Promise<OrgSnapshot>;
      assessments: ServiceAssessments;
      store: SnapshotStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private get assessments() {
    return this.options.assessments;
  }

  /** Answers from the snapshot stored before a restart until the first catalog read lands. */
  async restore(): Promise<void> {
    try {
      const stored = await this.options.store.load();
      if (stored && this.assessments.lastRefreshed === undefined) {
        this.assessments.replaceSnapshot(stored);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not load the stored catalog snapshot: ${stringifyError(error)}`,
      );
    }
  }

  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.options
        .read()
        .then(async snapshot => {
          await this.assessments.replaceSnapshotInSlices(
            snapshot,
            this.options.now?.() ?? new Date(),
          );
          await this.options.store.save(snapshot);
        })
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }

  async ready(): Promise<void> {
    const last = this.assessments.lastRefreshed;
    const now = this.options.now?.() ?? new Date();
    const emptyAndStale =
      last !== undefined &&
      this.assessments.serviceCount === 0 &&
      now.getTime() - last.getTime() > 5000;
    if (last !== undefined && !emptyAndStale) return;
    try {
      await this.refresh();
    } catch (error) {
      this.options.logger.warn(
        `Could not read the catalog: ${stringifyError(error)}`,
      );
      if (last === undefined) {
        throw new ServiceUnavailableError(
          'The operating-model plugin has not been able to read the catalog yet; try again shortly',
        );
      }
    }
  }
}
