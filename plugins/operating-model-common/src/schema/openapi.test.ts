import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

/**
 * `openapi.ts` is generated from the backend's OpenAPI document, and the frontend client's types
 * are checked against it (`plugins/operating-model/src/api/contract.ts`); this fails when the
 * document changed and the types were not generated again.
 */
describe('the API types', () => {
  it('are generated from the current OpenAPI document (yarn generate:api-types)', () => {
    const cli = path.join(
      path.dirname(require.resolve('openapi-typescript/package.json')),
      'bin',
      'cli.js',
    );
    const document = path.resolve(
      __dirname,
      '../../../operating-model-backend/src/schema/openapi.yaml',
    );
    const generated = execFileSync(
      process.execPath,
      [cli, document, '--empty-objects-unknown'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const committed = fs.readFileSync(
      path.join(__dirname, 'openapi.ts'),
      'utf8',
    );
    expect(committed.trim()).toBe(generated.trim());
  });
});
