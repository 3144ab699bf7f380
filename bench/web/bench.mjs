// Browser benchmark of the web build, in headless Debian chromium (playwright-core):
//   - gz bytes to first answer: every response the page loads before its first answer, as
//     transferred with gzip (the server compresses at level 9), plus the main files one by one;
//   - cold time to first answer: a fresh browser context (empty cache, no service worker) opens
//     the page with a question in its URL; time from navigation start to the rendered answer;
//   - warm `ask` latency in wasm: PlanLookup.ask (engine + conversion to JS objects) over many
//     questions, median and p99.
// Prints figures; asserts nothing. Run: bench/web/run (builds first) or node bench/web/bench.mjs.
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { median, pct } from '../stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
// playwright-core is installed for the browser tests (tests/browser/package.json).
const helpers = await import(path.join(ROOT, 'tests/browser/helpers.mjs'));
const { launch, serve } = helpers;
// PLAN_LOOKUP_WWW benchmarks another build of www/ (e.g. a copy with an experimental wasm).
const WWW = process.env.PLAN_LOOKUP_WWW ? path.resolve(process.env.PLAN_LOOKUP_WWW) : helpers.WWW;

const COLD_RUNS = Number(process.env.COLD_RUNS || 7);
const WARM_REPEAT = Number(process.env.WARM_REPEAT || 5);
const QUESTION = '区司法局牵头哪些任务？';

const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(WWW, file)), { level: 9 }).length;
const raw = (file) => fs.statSync(path.join(WWW, file)).size;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

const server = await serve(WWW);
const browser = await launch();
try {
  console.log(`plan-lookup web benchmark — chromium ${browser.version()}, node ${process.version}`);
  console.log('\nFiles (gzip -9):');
  const files = [
    'pkg/plan_lookup_query_bg.wasm', 'app.bundle.js', 'data/plans.bin',
    'pkg/plan_lookup_bg.wasm', 'pkg/plan_lookup.js', 'pkg/plan_lookup_query.js', 'plan-lookup.js', 'plan-lookup-widget.js',
  ];
  for (const f of files) console.log(`  ${f.padEnd(30)} ${kb(raw(f)).padStart(10)} raw  ${kb(gz(f)).padStart(10)} gz`);
  console.log(
    `  the page's first answer: query wasm ${kb(gz('pkg/plan_lookup_query_bg.wasm'))} + app.bundle.js ${kb(gz('app.bundle.js'))} ` +
      `+ data ${kb(gz('data/plans.bin'))} gz; the full module (first addDocument): ${kb(gz('pkg/plan_lookup_bg.wasm') + gz('pkg/plan_lookup.js'))} gz`,
  );

  // Cold: fresh context per run; the question is in the URL, so the first answer renders on load.
  const cold = [];
  const loadOnly = [];
  const phases = { wasm: [], data: [], compile: [] };
  let transferred = 0;
  let requests = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const finished = [];
    page.on('requestfinished', (r) => finished.push(r));
    await page.addInitScript(() => {
      window.__firstAnswer = new Promise((resolve) =>
        document.addEventListener('plan-lookup-answer', () => resolve(performance.now()), { once: true }),
      );
    });
    await page.goto(`${server.url}?q=${encodeURIComponent(QUESTION)}`);
    const t = await page.evaluate(() => window.__firstAnswer);
    cold.push(t);
    // What had arrived when the answer was on screen (the page's own Resource Timing; later
    // fetches below do not count), headers included.
    const seen = new Set(
      await page.evaluate((t) => performance.getEntriesByType('resource').filter((e) => e.responseEnd <= t).map((e) => e.name), t),
    );
    seen.add(page.url());
    // The requests of the page itself (the timing probes below fetch the same URLs again).
    const firstFinished = finished.slice();
    // When the wasm and the data file had arrived (resource timing, from navigation start).
    const arrived = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('resource')
          .filter((e) => /plan_lookup_query_bg\.wasm|\.bin$/.test(e.name))
          .map((e) => [/\.wasm/.test(e.name) ? 'wasm' : 'data', e.responseEnd]),
      ),
    );
    phases.wasm.push(arrived.wasm ?? NaN);
    phases.data.push(arrived.data ?? NaN);
    phases.compile.push(
      await page.evaluate(async () => {
        const bytes = await (await fetch('pkg/plan_lookup_query_bg.wasm', { cache: 'force-cache' })).arrayBuffer();
        const t0 = performance.now();
        await WebAssembly.compile(bytes);
        return performance.now() - t0;
      }),
    );
    const load = await page.evaluate(async () => {
      const { PlanLookup } = await import('./plan-lookup.js');
      const t0 = performance.now();
      const bytes = new Uint8Array(await (await fetch('data/plans.bin', { cache: 'force-cache' })).arrayBuffer());
      const t1 = performance.now();
      const l = await PlanLookup.fromBytes(bytes);
      const t2 = performance.now();
      l.free();
      return t2 - t1;
    });
    loadOnly.push(load);
    if (i === 0) {
      for (const r of firstFinished.filter((r) => seen.has(r.url()))) {
        const s = await r.sizes();
        transferred += s.responseBodySize + s.responseHeadersSize;
        requests.push(`${new URL(r.url()).pathname} ${s.responseBodySize}`);
      }
    }
    await context.close();
  }
  console.log(`\nGz bytes to first answer (everything the page loaded before it, as transferred, headers included): ${kb(transferred)} (${(transferred / 1000).toFixed(1)} KB) in ${requests.length} requests: ${requests.join(', ')}`);
  console.log(`Cold time to first answer (fresh context, 127.0.0.1, ${COLD_RUNS} runs): median ${ms(median(cold))}, min ${ms(Math.min(...cold))}, max ${ms(Math.max(...cold))}`);
  console.log(
    `  wasm downloaded at ${ms(median(phases.wasm))}, data at ${ms(median(phases.data))} (median, from navigation start); ` +
      `compiling the wasm takes ${ms(median(phases.compile))}`,
  );
  console.log(`  decoding the data file + building the index in wasm: median ${ms(median(loadOnly))}`);

  // Warm: questions of every kind, each asked WARM_REPEAT times in a row (timer resolution).
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(server.url);
  const warm = await page.evaluate(async (repeat) => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const l = await PlanLookup.load('data/plans.bin');
    const units = l.units();
    const qs = [];
    for (const u of units) {
      qs.push(`${u.name}牵头哪些任务`);
      qs.push(`${u.place}${u.name}参与哪些任务`);
    }
    for (const t of ['行政复议', '营商环境', '普法', '执法', '政务公开', '法律顾问', '合法性审查', '信用', '应急', '数字政府']) {
      qs.push(`${t}由谁牵头`, t, `区司法局${t}`);
    }
    // A results list's page: every match, and the first ten measures' display data.
    const page = (q) => {
      const f = l.find(q);
      const n = Math.min(10, f.count);
      let chars = 0;
      for (let i = 0; i < n; i++) chars += l.measure(f.ids[i]).title.length;
      return f.count + chars;
    };
    const timeEach = (fn) => {
      for (const q of qs.slice(0, 50)) fn(q); // warm-up
      return qs.map((q) => {
        const t0 = performance.now();
        for (let k = 0; k < repeat; k++) fn(q);
        return (performance.now() - t0) / repeat;
      });
    };
    return { ask: timeEach((q) => l.ask(q).results.length), find: timeEach(page), n: qs.length };
  }, WARM_REPEAT);
  await context.close();
  const line = (what, t) => `${what}: median ${ms(median(t))}, p99 ${ms(pct(t, 99))}, max ${ms(Math.max(...t))}`;
  console.log(`Warm latency in wasm (${warm.n} questions × ${WARM_REPEAT}):`);
  console.log(`  ${line('ask() (whole answers as JS objects)', warm.ask)}`);
  console.log(`  ${line('find() + measure() of the first ten (a results page)', warm.find)}`);
} finally {
  await browser.close();
  await server.close();
}
