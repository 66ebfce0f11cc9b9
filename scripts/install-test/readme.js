// Reads the install steps out of the root README and applies them to an app, so that what the
// README tells a person is exactly what the install test does. A step is a fenced code block
// preceded by one or more comments of the form
//
//   <!-- install-test: run [app=new|legacy] -->                       a shell block, run in the app
//   <!-- install-test: merge-yaml file=F [app=…] -->                  a YAML block merged into F
//   <!-- install-test: insert file=F [app=…] at=start -->             code put at the top of F
//   <!-- install-test: insert file=F [app=…] [within="A"] before="B" -->
//   <!-- install-test: insert file=F [app=…] [within="A"] after="B" -->
//   <!-- install-test: type-check file=F [app=…] -->                 a whole file, written as F
//                                                                     for the app's `yarn tsc` only
//
// For `insert`, the block goes on its own lines before (or after) the line holding the first "B"
// that follows the first "A" (or the start of the file), indented like that line (one level more
// when inserted after a line that opens a block). Several comments before one block insert it
// at each place. A step without `app=` is for both apps. A missing anchor is an error: the
// README no longer fits the app that create-app makes.
const fs = require('fs');
const path = require('path');

const MARKER = /^<!--\s*install-test:\s*(.*?)\s*-->\s*$/;

function parseAttributes(text) {
  const [kind, ...rest] = text.split(/\s+/);
  const attributes = { kind };
  const re = /(\w[\w-]*)=(?:"([^"]*)"|(\S+))/g;
  const remainder = text.slice(kind.length);
  let match;
  while ((match = re.exec(remainder))) {
    attributes[match[1]] = match[2] ?? match[3];
  }
  if (!rest.length && kind === '') throw new Error('empty install-test marker');
  return attributes;
}

/** The README's steps in order: { kind, app, file, ..., lang, code, line }. */
function readSteps(readmePath) {
  const lines = fs.readFileSync(readmePath, 'utf8').split('\n');
  const steps = [];
  let pending = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]);
    if (marker) {
      pending.push({ ...parseAttributes(marker[1]), line: i + 1 });
      continue;
    }
    const fence = /^(```+)(\w*)\s*$/.exec(lines[i]);
    if (fence) {
      const body = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== fence[1]) body.push(lines[j++]);
      if (j >= lines.length)
        throw new Error(`README line ${i + 1}: unclosed code block`);
      for (const p of pending) {
        steps.push({ ...p, lang: fence[2], code: body.join('\n') });
      }
      pending = [];
      i = j;
      continue;
    }
    if (pending.length && lines[i].trim() !== '') {
      throw new Error(
        `README line ${pending[0].line}: an install-test comment must come right before a code block`,
      );
    }
  }
  if (pending.length) {
    throw new Error(
      `README line ${pending[0].line}: install-test comment with no code block after it`,
    );
  }
  for (const step of steps) {
    if (!['run', 'merge-yaml', 'insert', 'type-check'].includes(step.kind)) {
      throw new Error(`README line ${step.line}: unknown step "${step.kind}"`);
    }
    if (step.kind !== 'run' && !step.file) {
      throw new Error(`README line ${step.line}: ${step.kind} needs file=`);
    }
    if (
      step.kind === 'insert' &&
      step.at !== 'start' &&
      !step.before &&
      !step.after
    ) {
      throw new Error(
        `README line ${step.line}: insert needs at=start, before= or after=`,
      );
    }
  }
  return steps;
}

function stepsFor(steps, app) {
  return steps.filter(s => !s.app || s.app === app);
}

function describe(step) {
  if (step.kind === 'run') return `run: ${step.code.split('\n')[0]}`;
  if (step.kind === 'merge-yaml') return `merge into ${step.file}`;
  if (step.kind === 'type-check') {
    return `write ${step.file}, for the type check only (nothing imports it)`;
  }
  const where =
    step.at === 'start'
      ? 'at the top'
      : `${step.before ? `before "${step.before}"` : `after "${step.after}"`}${
          step.within ? ` in "${step.within}"` : ''
        }`;
  return `insert into ${step.file} ${where}`;
}

/** Puts the step's code into the file at its anchor; returns the new text. */
function insertCode(text, step) {
  const code = step.code.replace(/\s+$/, '');
  if (step.at === 'start') return `${code}\n${text}`;
  const anchor = step.before ?? step.after;
  let from = 0;
  if (step.within) {
    from = text.indexOf(step.within);
    if (from < 0)
      throw new Error(
        `${step.file}: "${step.within}" not found (README line ${step.line})`,
      );
  }
  const at = text.indexOf(anchor, from);
  if (at < 0) {
    throw new Error(
      `${step.file}: "${anchor}" not found${
        step.within ? ` after "${step.within}"` : ''
      } (README line ${step.line})`,
    );
  }
  const lineStart = text.lastIndexOf('\n', at) + 1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  const anchorLine = text.slice(lineStart, lineEnd);
  let indent = /^\s*/.exec(anchorLine)[0];
  const opens = /[({[>]\s*$/.test(anchorLine) && !/\/>\s*$/.test(anchorLine);
  const closes = /^\s*(<\/|[)}\]])/.test(anchorLine);
  if ((step.after && opens) || (step.before && closes)) indent += '  ';
  const block = code
    .split('\n')
    .map(l => (l ? indent + l : l))
    .join('\n');
  if (step.before) {
    return `${text.slice(0, lineStart)}${block}\n${text.slice(lineStart)}`;
  }
  return `${text.slice(0, lineEnd)}\n${block}${text.slice(lineEnd)}`;
}

/**
 * Adds a YAML block to a YAML file. A block whose top-level keys the file lacks is appended as
 * written; otherwise the two are deep-merged (maps merge, lists gain the entries they lack).
 */
function mergeYaml(filePath, yamlText, YAML) {
  const original = fs.existsSync(filePath)
    ? fs.readFileSync(filePath, 'utf8')
    : '';
  const doc = YAML.parseDocument(original);
  const addition = YAML.parse(yamlText);
  if (Object.keys(addition).every(k => !doc.has(k))) {
    const separator = original === '' || original.endsWith('\n') ? '' : '\n';
    fs.writeFileSync(filePath, `${original}${separator}\n${yamlText.trim()}\n`);
    return;
  }
  const merge = (node, value, keyPath) => {
    if (Array.isArray(value)) {
      const existing = doc.getIn(keyPath);
      const current = existing
        ? YAML.isSeq(existing)
          ? existing.toJSON()
          : null
        : [];
      if (current === null)
        throw new Error(`${filePath}: ${keyPath.join('.')} is not a list`);
      if (!existing) doc.setIn(keyPath, doc.createNode([]));
      for (const item of value) {
        if (!current.some(c => JSON.stringify(c) === JSON.stringify(item))) {
          doc.getIn(keyPath).add(doc.createNode(item));
        }
      }
      return;
    }
    if (value && typeof value === 'object') {
      const existing = doc.getIn(keyPath);
      if (keyPath.length && (!existing || !YAML.isMap(existing))) {
        doc.setIn(keyPath, doc.createNode(value));
        return;
      }
      for (const [k, v] of Object.entries(value))
        merge(node, v, [...keyPath, k]);
      return;
    }
    doc.setIn(keyPath, value);
  };
  if (!doc.contents) doc.contents = doc.createNode({});
  merge(doc.contents, addition, []);
  fs.writeFileSync(
    filePath,
    doc.toString({
      flowCollectionPadding: false,
      lineWidth: 0,
      singleQuote: true,
    }),
  );
}

function applyFileStep(appDir, step, YAML) {
  const file = path.join(appDir, step.file);
  if (step.kind === 'type-check') {
    if (fs.existsSync(file)) {
      throw new Error(
        `${step.file} already exists in the new app (README line ${step.line})`,
      );
    }
    fs.writeFileSync(file, `${step.code.trimEnd()}\n`);
    return;
  }
  if (step.kind === 'merge-yaml') {
    mergeYaml(file, step.code, YAML);
    return;
  }
  if (!fs.existsSync(file)) {
    throw new Error(
      `${step.file} does not exist in the new app (README line ${step.line})`,
    );
  }
  fs.writeFileSync(file, insertCode(fs.readFileSync(file, 'utf8'), step));
}

module.exports = {
  readSteps,
  stepsFor,
  describe,
  insertCode,
  mergeYaml,
  applyFileStep,
};
