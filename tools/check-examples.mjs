#!/usr/bin/env node
// Type-checks every ```ts block in the doc comments (the TypeDoc `@example`s) of packages/*/src and
// examples/cli/src, so that an example cannot use a name that does not exist or call a function
// with arguments it does not take. Each block becomes one module in a scratch folder (.cache/,
// inside the repository so that `@mrnet/*` resolve to their sources) and all of them are checked
// as one TypeScript program.
//
// A block may use, without importing them, the public exports of its own package and the exports
// of the file it documents: the checker imports those for it (as a reader of that page would).
// The inputs an example takes as given (`bytes`, `root`, `net`, `io`…) are declared for it from
// INPUTS below, one type per name (per package, or per file where a name means something else).
// Anything else must be imported or declared in the block (`declare const model: MRNet;`).
// Run by `npm run lint`. Usage: node tools/check-examples.mjs [--keep] (--keep leaves the scratch files).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRATCH = join(ROOT, '.cache', 'check-examples');
const SOURCE_ROOTS = [...readdirSync(join(ROOT, 'packages')).map((p) => join('packages', p)), join('examples', 'cli')];

const M = (pkg, type) => `import('${pkg}').${type}`;
/** Free names examples use as their given inputs, and their types: by package, then by file. */
const INPUTS = {
  '*': {
    root: 'string', file: 'string', text: 'string', bytes: 'Uint8Array', height: 'number',
    fs: "typeof import('node:fs')", writeFileSync: "typeof import('node:fs').writeFileSync",
    volume: '{ data: Float32Array; shape: [number, number, number] }',
  },
  '@mrnet/data': {
    items: `${M('@mrnet/data/node', 'ExamItem')}[]`, loader: `ReturnType<typeof ${M('@mrnet/data/node', 'createLoader')}>`, lesion: `{ perSlice: ${M('@mrnet/data', 'SliceLesion')}[] }`,
    // DICOM/NIfTI import examples: parsed slices and series, raw frames, files.
    series: 'any[]', slices: 'any[]', slice: 'any', frame: 'ArrayBuffer', uid: 'string', checked: 'any', files: 'any[]', oriented: 'any',
    data: 'Float32Array', s: 'number', h: 'number', w: 'number', spacing: 'readonly [number, number, number]', sagFile: 'any', corFile: 'any', axFile: 'any',
    blob: 'Blob', exam: 'any', readFile: "typeof import('node:fs/promises').readFile",
  },
  '@mrnet/metrics': { trainLabels: 'number[]', trainScores: 'number[]', validLabels: 'number[]', validScores: 'number[]', train: '{ yTrue: number[]; yScore: number[] }', valid: '{ yTrue: number[]; yScore: number[] }' },
  '@mrnet/queue': {
    redis: "import('ioredis').Redis", train: M('@mrnet/queue', 'GridTrainOptions'), job: "import('bullmq').Job", token: 'string', context: M('@mrnet/queue', 'JobContext'),
  },
  '@mrnet/model': { net: M('@mrnet/model', 'MRNet'), backbone: 'unknown', pool: M('@mrnet/model/node', 'SliceParallelMRNet'), loss: '(logit: unknown) => any' },
  '@mrnet/stack': {
    lr: M('@mrnet/stack', 'LogisticRegression'), stack: M('@mrnet/stack', 'StackedModel'),
    trainRows: `${M('@mrnet/stack', 'PlaneProbabilities')}[]`, validRows: `${M('@mrnet/stack', 'PlaneProbabilities')}[]`, X: 'number[][]', trainLabels: 'number[]', y: 'number[]',
    planeModelHashes: `${M('@mrnet/stack', 'StackedModelInfo')}['planeModelHashes']`, exams: `${M('@mrnet/stack', 'PredictExamsOptions')}['exams']`,
  },
  '@mrnet/train': {
    net: M('@mrnet/model', 'MRNet'), adam: M('@mrnet/train', 'Adam'), scheduler: M('@mrnet/train', 'ReduceLROnPlateau'),
    stopper: M('@mrnet/train', 'EarlyStopping'), variables: `ConstructorParameters<typeof ${M('@mrnet/train', 'Adam')}>[0]`,
    result: M('@mrnet/train', 'TrainResult'), writer: M('@mrnet/train', 'EventFileWriter'),
  },
  '@mrnet/viz': {
    c: M('@mrnet/viz', 'Canvas'), figure: M('@mrnet/viz', 'Canvas'), slice: M('@mrnet/viz', 'GreyImage'), slices: `${M('@mrnet/viz', 'GreyImage')}[]`,
    cam: 'Float32Array', cam7x7: 'Float32Array', cams: 'Float32Array[]', tiles: `${M('@mrnet/viz', 'RgbaImage')}[]`,
    history: `readonly ${M('@mrnet/viz', 'EpochRecord')}[]`,
  },
  '@mrnet/cli': {
    io: M('@mrnet/cli', 'CommandIo'), vol: '{ data: Float32Array }', cam: M('@mrnet/model', 'ClassActivationMaps'),
    spec: 'DemoDatasetSpec', report: M('@mrnet/stack', 'StackReport'), outcome: 'DemoOutcome', data: 'string',
    files: `Record<${M('@mrnet/data', 'Plane')}, string>`, options: `Parameters<typeof ${M('@mrnet/stack', 'fitStack')}>[0]`,
    exam: 'any', md: 'string[]',
  },
};

function* tsFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** Every ```ts block inside a `/** … *\/` comment of `text`, with the 1-based line it starts on. */
export function extractBlocks(text) {
  const blocks = [];
  const comment = /\/\*\*[\s\S]*?\*\//g;
  for (let m = comment.exec(text); m; m = comment.exec(text)) {
    const firstLine = text.slice(0, m.index).split('\n').length;
    const lines = m[0].split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''));
    let open = -1;
    for (let i = 0; i < lines.length; i++) {
      const fence = /^\s*```\s*(\w*)/.exec(lines[i]);
      if (!fence) continue;
      if (open < 0) {
        open = ['ts', 'typescript'].includes(fence[1]) ? i : -2 - i;
      } else {
        if (open >= 0) blocks.push({ line: firstLine + open + 1, code: lines.slice(open + 1, i).join('\n') });
        open = -1;
      }
    }
  }
  return blocks;
}

/** Names a module exports, from its syntax (following `export … from` within the package). */
function exportedNames(file, seen = new Set()) {
  if (seen.has(file)) return new Set();
  seen.add(file);
  const names = new Set();
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return names;
  }
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  const local = (spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
  for (const st of sf.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isExportDeclaration(st)) {
      const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (!st.exportClause && from?.startsWith('.')) for (const n of exportedNames(local(from), seen)) names.add(n);
      else if (st.exportClause && ts.isNamedExports(st.exportClause)) for (const e of st.exportClause.elements) names.add(e.name.text);
    } else if (exported && ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    } else if (exported && st.name && ts.isIdentifier(st.name)) {
      names.add(st.name.text);
    }
  }
  return names;
}

/** Names a snippet declares or imports at its top level (those must not be imported for it). */
function declaredNames(code) {
  const sf = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, false);
  const names = new Set();
  const bind = (n) => {
    if (ts.isIdentifier(n)) names.add(n.text);
    else if (ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) for (const e of n.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause) {
      if (st.importClause.name) names.add(st.importClause.name.text);
      const nb = st.importClause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) names.add(nb.name.text);
      if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) names.add(e.name.text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) bind(d.name);
    } else if (st.name && ts.isIdentifier(st.name)) {
      names.add(st.name.text);
    }
  }
  return names;
}

function packageName(root) {
  return JSON.parse(readFileSync(join(ROOT, root, 'package.json'), 'utf8')).name;
}

function main() {
  const keep = process.argv.includes('--keep');
  rmSync(SCRATCH, { recursive: true, force: true });
  const snippets = new Map(); // scratch path → { source, line, preambleLines }
  for (const root of SOURCE_ROOTS) {
    const pkg = packageName(root);
    const publicNames = exportedNames(join(ROOT, root, 'src', 'index.ts'));
    // Node-only names of the package's `/node` subpath (src/node.ts or src/node/index.ts), if any.
    const nodeEntry = [join(ROOT, root, 'src', 'node.ts'), join(ROOT, root, 'src', 'node', 'index.ts')].find((f) => existsSync(f));
    const nodeNames = nodeEntry ? new Set([...exportedNames(nodeEntry)].filter((n) => !publicNames.has(n))) : new Set();
    for (const file of tsFiles(join(ROOT, root, 'src'))) {
      const blocks = extractBlocks(readFileSync(file, 'utf8'));
      if (blocks.length === 0) continue;
      const ownNames = exportedNames(file);
      const rel = relative(ROOT, file);
      blocks.forEach((b, i) => {
        const declared = declaredNames(b.code);
        const fromPkg = [...publicNames].filter((n) => !declared.has(n));
        const fromNode = [...nodeNames].filter((n) => !declared.has(n));
        const fromFile = [...ownNames].filter((n) => !declared.has(n) && !publicNames.has(n) && !nodeNames.has(n));
        const inputs = { ...INPUTS['*'], ...INPUTS[pkg] };
        const given = Object.entries(inputs).filter(([n]) => !declared.has(n) && new RegExp(`(^|[^\\w$.']|\\.\\.\\.)${n}\\b`).test(b.code));
        const target = join(SCRATCH, `${rel.replace(/[/\\]/g, '__').replace(/\.ts$/, '')}.${i + 1}.ts`);
        const fileSpec = relative(SCRATCH, file).replace(/\\/g, '/').replace(/\.ts$/, '.js');
        const preamble = [
          fromPkg.length ? `import { ${fromPkg.join(', ')} } from '${pkg}';` : '',
          fromNode.length ? `import { ${fromNode.join(', ')} } from '${pkg}/node';` : '',
          fromFile.length ? `import { ${fromFile.join(', ')} } from '${fileSpec}';` : '',
          ...given.map(([n, type]) => `declare const ${n}: ${type};`),
        ].join(' ');
        // One preamble line, so that the block's lines keep their numbers (+1).
        snippets.set(target, { source: rel, line: b.line, text: `${preamble}\n${b.code}\nexport {};\n` });
      });
    }
  }
  mkdirSync(SCRATCH, { recursive: true });
  for (const [path, s] of snippets) writeFileSync(path, s.text);

  const options = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['@mrnet/source'],
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  };
  const program = ts.createProgram([...snippets.keys()], options);
  const problems = [];
  for (const [path, s] of snippets) {
    const sf = program.getSourceFile(path);
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
      // 6133/6192/6196/6198: unused names (the generated imports are mostly unused).
      if ([6133, 6192, 6196, 6198].includes(d.code)) continue;
      const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0 };
      const where = line === 0 ? s.line : s.line + line - 1;
      problems.push(`${s.source}:${where}: @example: TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`);
    }
  }
  if (!keep) rmSync(SCRATCH, { recursive: true, force: true });
  for (const p of problems) console.error(p);
  console.log(`check-examples: ${snippets.size} blocks, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  if (problems.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
