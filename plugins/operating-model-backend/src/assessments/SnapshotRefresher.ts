import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import { OrgSnapshot } from '../catalog/readOrgSnapshot';
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
    private readonly read: () => Promise<OrgSnapshot>,
    private readonly assessments: ServiceAssessments,
    private readonly logger: LoggerService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.read()
        .then(snapshot => this.assessments.replaceSnapshot(snapshot))
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }

  async ready(): Promise<void> {
    const last = this.assessments.lastRefreshed;
    const emptyAndStale =
      last !== undefined &&
      this.assessments.serviceCount === 0 &&
      this.now().getTime() - last.getTime() > 5000;
    if (last !== undefined && !emptyAndStale) return;
    try {
      await this.refresh();
    } catch (error) {
      this.logger.warn(`Could not read the catalog: ${stringifyError(error)}`);
      if (last === undefined) {
        throw new ServiceUnavailableError(
          'The operating-model plugin has not been able to read the catalog yet; try again shortly',
        );
      }
    }
  }
}
