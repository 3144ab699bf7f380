// Two builds' cold load of the query module, timed with nothing else running: one blank page
// per load (a fresh browser context), the data file fetched and the module instantiated first,
// then after an idle pause `Lookup.fromData` and a first question (`find` and ten `measure`s),
// each timed alone. The network and the page's own work, which swing bench/ab's figures by
// ±5 ms, are outside the window: an A/A run of one build agrees within ~0.2 ms. The builds load
// in turns; it prints each one's medians and the median of the rounds' B − A.
//
//   node bench/ab/cold.mjs WWW_A WWW_B [ROUNDS]     (bench/ab/cold installs what it needs)
//
// TIERUP=1 also lists, for one load of each build, the functions V8 optimised with TurboFan
// while `fromData` ran (from V8's --trace-wasm-compilation-times), named in a build made with
// `WASM_NAMES=1 scripts/build-web`. Such a compile runs on another thread, to no use for a
// function that runs once (V8 never switches a running call over): a big run-once function in
// that list costs the load CPU time. That is how `Reader::string_table`, inlined into the
// whole decoder, was found to cost ~15 ms of compiling (ARCHITECTURE.md, "Run-once loading
// code").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, launchPrinting } from '../../tests/browser/helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { median, paired } from '../stats.mjs';
import { abArgs } from './args.mjs';
import { wasmFunctions } from './compiled.mjs';

const FILES = ['pkg/plan_lookup_query.js', 'pkg/plan_lookup_query_bg.wasm', 'data/plans.bin'];
const QUESTION = '区司法局牵头哪些任务';

// The page's script (a file of its own: the server's CSP allows no inline script).
const SCRIPT = `import init, { Lookup } from './pkg/plan_lookup_query.js';
const bytes = new Uint8Array(await (await fetch('data/plans.bin')).arrayBuffer());
await init({ module_or_path: 'pkg/plan_lookup_query_bg.wasm' });
await new Promise((r) => setTimeout(r, 300));
const t0 = performance.now();
const lookup = Lookup.fromData(bytes);
const t1 = performance.now();
const ids = lookup.find(${JSON.stringify(QUESTION)});
for (let i = 0; i < Math.min(10, ids[1]); i++) lookup.measure(ids[2 + i]);
window.__cold = { fromData: t1 - t0, ask: performance.now() - t1 };
`;

/** A site per build under one root: `a/` and `b/`, each the three files and the page. */
function buildSites(builds) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-cold-'));
  for (const [name, www] of Object.entries(builds)) {
    for (const f of FILES) {
      const from = path.join(www, f);
      if (!fs.existsSync(from)) throw new Error(`${from} is missing: run scripts/build-web for ${www}`);
      fs.mkdirSync(path.dirname(path.join(root, name, f)), { recursive: true });
      fs.copyFileSync(from, path.join(root, name, f));
    }
    fs.writeFileSync(path.join(root, name, 'cold.js'), SCRIPT);
    fs.writeFileSync(path.join(root, name, 'index.html'), '<!doctype html><meta charset="utf-8"><title>cold load</title><script type="module" src="cold.js"></script>\n');
  }
  return root;
}

/** One cold load of `url` in a fresh context: {fromData, ask} in ms. */
async function coldLoad(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    const result = await page.waitForFunction(() => window.__cold, null, { timeout: 20000 }).catch(() => null);
    if (!result) throw new Error(`${url} did not load: ${errors.join('; ') || 'no answer within 20 s'}`);
    return await result.jsonValue();
  } finally {
    await context.close();
  }
}

/** The functions V8 optimised during one load of each build: [{index, name, ms}] per build. */
async function tierUps(server, builds, root) {
  const lines = [];
  const browser = await launchPrinting(['--js-flags=--trace-wasm-compilation-times'], (line) => lines.push(line));
  const out = {};
  try {
    for (const name of Object.keys(builds)) {
      lines.length = 0;
      await coldLoad(browser, `${server.url}${name}/index.html`);
      const { names } = wasmFunctions(fs.readFileSync(path.join(root, name, 'pkg/plan_lookup_query_bg.wasm')));
      out[name] = lines
        .map((l) => l.match(/Compiled function \S*#(\d+) using TurboFan, took (\d+) μs/))
        .filter(Boolean)
        .map(([, index, us]) => ({ index: Number(index), name: names.get(Number(index)) ?? `function ${index}`, ms: Number(us) / 1000 }));
    }
  } finally {
    await browser.close();
  }
  return out;
}

async function main() {
  const { wwwA: a, wwwB: b, rounds } = abArgs('cold.mjs', 30);
  const builds = { a: path.resolve(a), b: path.resolve(b) };
  const root = buildSites(builds);
  const server = await startServer({ root });
  const browser = await launch();
  const runs = { a: [], b: [] };
  try {
    // One round of each thrown away first; then in turns, the first of a pair alternating.
    for (let i = 0; i <= rounds; i++) {
      for (const name of i % 2 ? ['a', 'b'] : ['b', 'a']) {
        const r = await coldLoad(browser, `${server.url}${name}/index.html`);
        if (i > 0) runs[name].push(r);
      }
    }
    console.log(`cold load, ${rounds} rounds in turns; A = ${a}, B = ${b}; ms`);
    console.log('| step | A | B | median of the rounds\' B − A | B first (sign test p) |\n| --- | --- | --- | --- | --- |');
    for (const [step, label] of [['fromData', 'Lookup.fromData'], ['ask', `first question (find + 10 measure), "${QUESTION}"`]]) {
      const m = (name) => median(runs[name].map((r) => r[step])).toFixed(2);
      const x = paired(runs.b.map((r) => r[step]), runs.a.map((r) => r[step]));
      console.log(`| ${label} | ${m('a')} | ${m('b')} | ${x.median.toFixed(2)} | ${x.wins} of ${x.rounds} (${x.p.toFixed(3)}) |`);
    }
    if (process.env.TIERUP) {
      for (const [name, fns] of Object.entries(await tierUps(server, builds, root))) {
        console.log(`\n${name.toUpperCase()}: functions optimised with TurboFan during one load (${fns.length})`);
        for (const f of fns) console.log(`${f.ms.toFixed(2).padStart(8)} ms  #${f.index} ${f.name.replace(/\[[0-9a-f]{16}\]/g, '').slice(0, 120)}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

await main();
