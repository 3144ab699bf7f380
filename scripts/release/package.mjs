// Writes the release package (dist/plan-lookup-web-VERSION.zip) and lays out pkg/ as an npm
// package, from the web build in www/ and pkg/ (scripts/build-web). Run by scripts/package.
//
//   node scripts/release/package.mjs VERSION
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from '../web-tools/node_modules/fflate/esm/index.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = path.join(ROOT, 'www');
const PKG = path.join(ROOT, 'pkg');
const version = process.argv[2];
if (!/^\d+\.\d+\.\d+/.test(version ?? '')) fail('usage: package.mjs VERSION (e.g. 0.1.0)');

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** The files of the web build the offline page's service worker lists (scripts/build-web). */
function builtFiles() {
  const list = fs.readFileSync(path.join(WWW, 'sw-build.js'), 'utf8');
  const build = JSON.parse(list.slice(list.indexOf('{'), list.lastIndexOf('}') + 1));
  return build.files.map((f) => f.url);
}

// ---- the zip -----------------------------------------------------------------------------

/** Everything a static server needs, relative to www/: the offline page's files, its service
 * worker and list, the types, and the example embed. */
const files = [
  ...builtFiles(),
  'sw.js',
  'sw-build.js',
  'plan-lookup.d.ts',
  'plan-lookup.min.js',
  'plan-lookup.min.js.map',
  'pkg/plan_lookup_query.d.ts',
  'pkg/plan_lookup_sharded.d.ts',
  'pkg/plan_lookup.d.ts',
  'embed-example.html',
  'embed-example.css',
  // Not in the service worker's hashed list (portal staff edit it in place), shipped all the same.
  'data/terms.txt',
];
// One fixed time for every entry, so the same build gives the same zip.
const mtime = new Date('2026-01-01T00:00:00Z');
const entries = {};
for (const f of new Set(files)) {
  const file = path.join(WWW, f);
  if (!fs.existsSync(file)) fail(`${file} is missing: run scripts/build-web`);
  entries[`plan-lookup/${f}`] = [fs.readFileSync(file), { mtime }];
  // The program files' precompressed copies (scripts/build-web), for gzip_static (部署说明.md),
  // stored as they are: zipping gzip again gains nothing.
  if (fs.existsSync(`${file}.gz`)) entries[`plan-lookup/${f}.gz`] = [fs.readFileSync(`${file}.gz`), { mtime, level: 0 }];
}
const guide = fs.readFileSync(path.join(ROOT, 'scripts/release/部署说明.md'), 'utf8').replaceAll('{{version}}', version);
entries['plan-lookup/部署说明.md'] = [new TextEncoder().encode(guide), { mtime }];
const zipPath = path.join(ROOT, 'dist', `plan-lookup-web-${version}.zip`);
fs.writeFileSync(zipPath, zipSync(entries, { level: 9 }));

// ---- pkg/ as an npm package ----------------------------------------------------------------

// In the package the wasm-bindgen glue sits next to the JS API, not in pkg/ under it: the paths
// to it in the API and in the widget bundle (which holds a copy of the API) lose their pkg/.
function withoutPkgDir(file, expected) {
  const text = fs.readFileSync(path.join(WWW, file), 'utf8');
  const found = text.match(/(["'`])\.\/pkg\//g)?.length ?? 0;
  if (found !== expected) fail(`${file} names pkg/ ${found} times, expected ${expected} (the glue and wasm paths): update package.mjs`);
  fs.writeFileSync(path.join(PKG, file), text.replace(/(["'`])\.\/pkg\//g, '$1./'));
}
withoutPkgDir('plan-lookup.js', 7); // three glue modules, three wasm files, the pinyin table
withoutPkgDir('plan-lookup-widget.js', 6); // the query glue is bundled in: the other two glues, three wasm files, the table
withoutPkgDir('plan-lookup.min.js', 6); // likewise
// terms.js, bundle-export.js, authoring.js and shards.js: what plan-lookup.js imports on first
// use (the everyday-words file's reader, exportBundle's writer, adding and changing documents,
// sharded builds).
for (const f of ['plan-lookup.d.ts', 'plan-lookup-widget.js.map', 'plan-lookup.min.js.map', 'terms.js', 'bundle-export.js', 'authoring.js', 'shards.js']) fs.copyFileSync(path.join(WWW, f), path.join(PKG, f));

const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
const field = (name) => (cargo.match(new RegExp(`^${name} = "(.*)"`, 'm')) ?? [])[1];
const packageJson = {
  name: 'plan-lookup',
  version,
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './plan-lookup.js',
  module: './plan-lookup.js',
  types: './plan-lookup.d.ts',
  exports: {
    '.': { types: './plan-lookup.d.ts', default: './plan-lookup.js' },
    './widget': './plan-lookup-widget.js',
    './min': { types: './plan-lookup.d.ts', default: './plan-lookup.min.js' },
    './query': { types: './plan_lookup_query.d.ts', default: './plan_lookup_query.js' },
    './sharded': { types: './plan_lookup_sharded.d.ts', default: './plan_lookup_sharded.js' },
    './full': { types: './plan_lookup.d.ts', default: './plan_lookup.js' },
    './plan_lookup_query_bg.wasm': './plan_lookup_query_bg.wasm',
    './plan_lookup_sharded_bg.wasm': './plan_lookup_sharded_bg.wasm',
    './plan_lookup_bg.wasm': './plan_lookup_bg.wasm',
    './pinyin.txt': './pinyin.txt',
    './package.json': './package.json',
  },
  files: [
    'plan-lookup.js',
    'plan-lookup.d.ts',
    'terms.js',
    'bundle-export.js',
    'authoring.js',
    'shards.js',
    'plan-lookup-widget.js',
    'plan-lookup-widget.js.map',
    'plan-lookup.min.js',
    'plan-lookup.min.js.map',
    'plan_lookup_query.js',
    'plan_lookup_query.d.ts',
    'plan_lookup_query_bg.wasm',
    'plan_lookup_query_bg.wasm.d.ts',
    'plan_lookup_sharded.js',
    'plan_lookup_sharded.d.ts',
    'plan_lookup_sharded_bg.wasm',
    'plan_lookup_sharded_bg.wasm.d.ts',
    'plan_lookup.js',
    'plan_lookup.d.ts',
    'plan_lookup_bg.wasm',
    'plan_lookup_bg.wasm.d.ts',
    'pinyin.txt',
    'README.md',
  ],
  // Importing the widget defines <plan-lookup>.
  sideEffects: ['./plan-lookup-widget.js'],
};
for (const f of packageJson.files) if (f !== 'README.md' && !fs.existsSync(path.join(PKG, f))) fail(`pkg/${f} is missing: run scripts/build-web`);
fs.writeFileSync(path.join(PKG, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
fs.writeFileSync(
  path.join(PKG, 'README.md'),
  `# plan-lookup ${version}

Who leads which measure of a Chinese rule-of-law plan: an exact, indexed lookup that runs in the
browser (WebAssembly), with the \`<plan-lookup>\` element for portals.

\`\`\`js
import { PlanLookup } from 'plan-lookup';           // the JS API (types: plan-lookup.d.ts)
// or, straight from a page without a bundler: 'plan-lookup/min' (plan-lookup.min.js, the API and
// the query module's glue in one minified file)
import 'plan-lookup/widget';                        // defines <plan-lookup src="…/plans.bin">
const lookup = await PlanLookup.load('/plan-lookup/data/plans.bin');
lookup.ask('区司法局牵头哪些任务');
\`\`\`

The wasm files are fetched next to the JS (\`new URL('./plan_lookup_query_bg.wasm', import.meta.url)\`):
serve the package folder as is, or pass \`wasmUrl\` / \`shardedWasmUrl\` / \`fullWasmUrl\` (widget: \`wasm\`,
\`sharded-wasm\`, \`full-wasm\`)
if your bundler moves them. Serve \`.wasm\` as \`application/wasm\`; under a CSP allow
\`script-src 'self' 'wasm-unsafe-eval'\`. Data files are written by \`plan-lookup build\` or by the
builder page of the release zip (builder.html).
`,
);
console.error(`package: ${path.relative(ROOT, zipPath)} (${Object.keys(entries).length} files), pkg/package.json`);
