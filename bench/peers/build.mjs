// Builds the side-by-side site bench.mjs serves: one directory per system, each a search page
// that answers ?q= and exposes window.bench (client/harness.js).
//
//   node bench/peers/build.mjs MEASURES.jsonl OUT_DIR
//
// MEASURES.jsonl is `plan-lookup export` of the default corpus; a measure's id is its line
// number (0-based). Every peer gets the same documents: title, text (the body without the
// unit clause), units (the clause as a page prints it) and place. plan-lookup is a copy of
// www/ (run scripts/build-web first).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCH = path.resolve(here, '..');
const ROOT = path.resolve(BENCH, '..');
const MODULES = path.join(BENCH, 'node_modules');

/** The systems: directory, label, and how its page is made. */
export const SYSTEMS = [
  { dir: 'plan-lookup', label: 'plan-lookup' },
  // Cold first answer only: plan-lookup's JS API on the peers' own bare page.
  { dir: 'plan-lookup-bare', label: "plan-lookup, bare page (the peers' harness)", kind: 'plan-lookup-bare', coldOnly: true },
  { dir: 'pagefind', label: 'Pagefind (CLI, --force-language zh)', kind: 'pagefind' },
  { dir: 'minisearch', label: 'MiniSearch (default tokenizer)', kind: 'docs', engine: 'minisearch-engine.js', lib: ['minisearch/dist/es/index.js', 'minisearch.js'], options: { bigram: false } },
  { dir: 'minisearch-bigram', label: 'MiniSearch (CJK bigrams)', kind: 'docs', engine: 'minisearch-engine.js', lib: ['minisearch/dist/es/index.js', 'minisearch.js'], options: { bigram: true } },
  { dir: 'flexsearch', label: 'FlexSearch (Charset.CJK, context)', kind: 'docs', engine: 'flexsearch-engine.js', lib: ['flexsearch/dist/flexsearch.bundle.module.min.mjs', 'flexsearch.js'] },
  { dir: 'fuse', label: "Fuse.js (extended search, 'exact)", kind: 'docs', engine: 'fuse-engine.js', lib: ['fuse.js/dist/fuse.min.mjs', 'fuse.js'] },
];

/** Reads `plan-lookup export` output; fails with the line that is not a measure. */
export function readMeasures(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  if (lines.length === 0) throw new Error(`${file} has no measures: run plan-lookup export > ${file}`);
  return lines.map((l, i) => {
    let m;
    try {
      m = JSON.parse(l);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not JSON (${e.message}); expected plan-lookup export output`);
    }
    for (const k of ['title', 'text', 'jurisdiction', 'lead', 'support', 'responsible']) {
      if (!(k in m)) throw new Error(`${file}:${i + 1}: no "${k}" field; expected plan-lookup export output`);
    }
    return m;
  });
}

/** The unit clause as a page prints it. */
export function unitClause(m) {
  const parts = [];
  if (m.lead.length) parts.push(`牵头单位：${m.lead.join('、')}`);
  if (m.support.length) parts.push(`参加单位：${m.support.join('、')}`);
  if (m.responsible.length) parts.push(`责任单位：${m.responsible.join('、')}`);
  return parts.join('；');
}

export function documents(measures) {
  return measures.map((m, id) => ({ id, title: m.title, text: m.text, units: unitClause(m), place: m.jurisdiction }));
}

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const page = (title) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<script type="module" src="app.js"></script>
</head>
<body>
<p id="status">loading</p>
<ol id="results"></ol>
</body>
</html>
`;

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function buildDocsSite(dir, sys, docs) {
  fs.writeFileSync(path.join(dir, 'index.html'), page(sys.label));
  copy(path.join(here, 'client/harness.js'), path.join(dir, 'harness.js'));
  copy(path.join(here, 'client', sys.engine), path.join(dir, 'engine.js'));
  // The package's ES build as shipped, without its source-map comment.
  const lib = fs.readFileSync(path.join(MODULES, sys.lib[0]), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  fs.writeFileSync(path.join(dir, sys.lib[1]), lib);
  fs.writeFileSync(path.join(dir, 'docs.json'), JSON.stringify(docs));
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    `import { start, fetchJson } from './harness.js';\nimport { build } from './engine.js';\nstart(async () => build(await fetchJson('docs.json'), ${JSON.stringify(sys.options || {})}));\n`,
  );
}

/** plan-lookup's JS API and its data behind the peers' harness page: the bundle (the query
 * module with the data file inside, one request, as a portal deploys it for the fastest first
 * answer), or for a build from before bundles (bench/ab against an older www/) the query module
 * and the data file. */
export function buildPlanLookupBareSite(dir, sys, www) {
  fs.writeFileSync(path.join(dir, 'index.html'), page(sys.label));
  copy(path.join(here, 'client/harness.js'), path.join(dir, 'harness.js'));
  copy(path.join(here, 'client/plan-lookup-engine.js'), path.join(dir, 'engine.js'));
  copy(path.join(www, 'plan-lookup.min.js'), path.join(dir, 'plan-lookup.min.js'));
  const bundled = fs.existsSync(path.join(www, 'data/plans.wasm'));
  const data = bundled ? 'data/plans.wasm' : 'data/plans.bin';
  for (const f of bundled ? [data] : ['pkg/plan_lookup_query_bg.wasm', data]) copy(path.join(www, f), path.join(dir, f));
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    `import { start } from './harness.js';\nimport { open } from './engine.js';\nstart(() => open(${JSON.stringify(data)}));\n`,
  );
}

function buildPagefindSite(dir, sys, docs) {
  fs.writeFileSync(path.join(dir, 'index.html'), page(sys.label));
  copy(path.join(here, 'client/harness.js'), path.join(dir, 'harness.js'));
  copy(path.join(here, 'client/pagefind-engine.js'), path.join(dir, 'engine.js'));
  fs.writeFileSync(path.join(dir, 'app.js'), `import { start } from './harness.js';\nimport { open } from './engine.js';\nstart(open);\n`);
  fs.mkdirSync(path.join(dir, 'm'));
  for (const d of docs) {
    fs.writeFileSync(
      path.join(dir, 'm', `${d.id}.html`),
      `<!doctype html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>${escape(d.title)}</title></head>\n<body>\n<main data-pagefind-body>\n<h1>${escape(d.title)}</h1>\n<p>${escape(d.place)}</p>\n<p>${escape(d.text)}</p>\n<p>${escape(d.units)}</p>\n</main>\n</body>\n</html>\n`,
    );
  }
  const bin = path.join(MODULES, '.bin/pagefind');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run bench/run (it installs the peers with npm ci)`);
  execFileSync(bin, ['--site', dir, '--force-language', 'zh'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export function buildSite(measuresFile, out) {
  const docs = documents(readMeasures(measuresFile));
  const www = path.join(ROOT, 'www');
  if (!fs.existsSync(path.join(www, 'pkg/plan_lookup_bg.wasm'))) throw new Error(`${www}/pkg is missing: run scripts/build-web first`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const sys of SYSTEMS) {
    const dir = path.join(out, sys.dir);
    if (sys.dir === 'plan-lookup') {
      fs.cpSync(www, dir, { recursive: true, dereference: true, filter: (f) => !f.includes('node_modules') });
      continue;
    }
    fs.mkdirSync(dir, { recursive: true });
    if (sys.kind === 'plan-lookup-bare') buildPlanLookupBareSite(dir, sys, www);
    else if (sys.kind === 'pagefind') buildPagefindSite(dir, sys, docs);
    else buildDocsSite(dir, sys, docs);
  }
  return docs.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [measures, out] = process.argv.slice(2);
  if (!measures || !out) {
    console.error('usage: node bench/peers/build.mjs MEASURES.jsonl OUT_DIR');
    process.exit(2);
  }
  try {
    const n = buildSite(measures, out);
    console.error(`bench site: ${n} measures, ${SYSTEMS.length} systems in ${out}`);
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
}
