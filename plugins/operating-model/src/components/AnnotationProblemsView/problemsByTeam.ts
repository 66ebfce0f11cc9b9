import { AssessmentProblem } from '@operating-model/backstage-plugin-operating-model-common';
import { AssessedService } from '../../api';
import { compareText } from '../shared/format';

/** One annotation problem of one service. */
export interface ServiceProblem {
  service: AssessedService;
  problem: AssessmentProblem;
}

/** The problems of the services one team owns; `owner` null gathers the services with none. */
export interface TeamProblems {
  owner: string | null;
  title: string;
  serviceCount: number;
  problems: ServiceProblem[];
}

const byTitle = compareText;

/**
 * Every problem, grouped by the owning team, teams by name and services by name within them;
 * the services without an owner come last, under their own heading, since nobody else will
 * pick them up.
 */
export function problemsByTeam(services: AssessedService[]): TeamProblems[] {
  const teams = new Map<string | null, TeamProblems>();
  for (const service of services) {
    if (service.problems.length === 0) continue;
    const owner = service.owner ?? null;
    let team = teams.get(owner);
    if (!team) {
      team = {
        owner,
        title:
          owner === null ? 'No owning team' : service.titles.owner ?? owner,
        serviceCount: 0,
        problems: [],
      };
      teams.set(owner, team);
    }
    team.serviceCount += 1;
    for (const problem of service.problems)
      team.problems.push({ service, problem });
  }
  for (const team of teams.values()) {
    // A stable sort keeps each service's problems in the order the rules report them.
    team.problems.sort((a, b) =>
      byTitle(a.service.titles.service, b.service.titles.service),
    );
  }
  return [...teams.values()].sort((a, b) => {
    if (a.owner === null || b.owner === null) return a.owner === null ? 1 : -1;
    return byTitle(a.title, b.title);
  });
}
