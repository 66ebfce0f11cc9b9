/**
 * Serves the GitHub stand-in with generated repositories, so the example app can read
 * deployments without GitHub (see dev/app-config.github.yaml):
 *
 *   yarn workspace @operating-model/backstage-plugin-operating-model-backend-module-github stand-in \
 *     [--port 7009] [--token local-development-github-token] \
 *     [--repos hearth-and-home/bedroom,hearth-and-home/checkout] [--deployments 60]
 *
 * Each repository deploys to production once a day for `--deployments` days, each deployment
 * succeeding 12 minutes after it starts, three hours after its commit.
 */
import {
  seedRepositories,
  startGitHubStandIn,
} from '../src/__testUtils__/gitHubStandIn';

async function main(argv: string[]) {
  const option = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const standIn = await startGitHubStandIn({
    port: Number(option('--port') ?? 7009),
    tokens: [option('--token') ?? 'local-development-github-token'],
  });
  const slugs = (
    option('--repos') ??
    'hearth-and-home/bedroom,hearth-and-home/checkout,hearth-and-home/basket'
  ).split(',');
  seedRepositories(standIn, slugs, {
    deployments: Number(option('--deployments') ?? 60),
  });
  process.stdout.write(
    `GitHub stand-in at ${standIn.url} with ${slugs.join(
      ', ',
    )}; Ctrl-C stops it\n`,
  );
}

main(process.argv.slice(2)).catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
