import fs from 'fs';

// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const { generate, OUTPUT } = require('../../scripts/generate-api-types');

/**
 * `openapi.ts` is generated from the backend's OpenAPI document, and the frontend client's types
 * are checked against it (`plugins/operating-model/src/api/contract.ts`); this fails when the
 * document changed and the types were not generated again.
 */
describe('the API types', () => {
  it('are generated from the current OpenAPI document (yarn generate:api-types)', () => {
    expect(fs.readFileSync(OUTPUT, 'utf8').trim()).toBe(generate().trim());
  });
});
