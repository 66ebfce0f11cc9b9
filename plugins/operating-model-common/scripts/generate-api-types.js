// Generates src/schema/openapi.ts, the API's types, from the backend's OpenAPI document with
// openapi-typescript, and gives each top-level declaration the release tag API reports need.
//   node scripts/generate-api-types.js          writes the file
// The freshness test (src/schema/openapi.test.ts) calls generate() and compares.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const DOCUMENT = path.resolve(
  __dirname,
  '../../operating-model-backend/src/schema/openapi.yaml',
);
const OUTPUT = path.resolve(__dirname, '../src/schema/openapi.ts');

function generate() {
  const cli = path.join(
    path.dirname(require.resolve('openapi-typescript/package.json')),
    'bin',
    'cli.js',
  );
  const types = execFileSync(
    process.execPath,
    [cli, DOCUMENT, '--empty-objects-unknown'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  // openapi-typescript's own JSDoc tags (@description, @enum {...}) are not TSDoc: the
  // description is kept as plain text and the enum line dropped (the type says the values).
  return types
    .replace(/^(\s*\*|\s*\/\*\*) @description /gm, '$1 ')
    .replace(/^\s*(\*|\/\*\*) @enum \{.*\}( \*\/)?\n/gm, '')
    .replace(
      /^export (interface|type) (\w+)/gm,
      (line, _kind, name) =>
        `/** The API's ${name}, generated from its OpenAPI document. @public */\n${line}`,
    );
}

if (require.main === module) {
  fs.writeFileSync(OUTPUT, generate());
}

module.exports = { generate, OUTPUT };
