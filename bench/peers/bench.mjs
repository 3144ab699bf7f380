// plan-lookup side by side with the search engines a portal team would pick instead, in ONE
// headless Chromium run, on the same measures of the default corpus. Writes bench/RESULTS.md.
//
//   node bench/peers/bench.mjs SITE_DIR MEASURES.jsonl UNITS.json [RESULTS.md]
//
// SITE_DIR is built by build.mjs; MEASURES.jsonl is `plan-lookup export`, UNITS.json is
// `plan-lookup units --json`. bench/run does all of it. Figures only: nothing here asserts.
//
// Per system:
// - gz bytes to first answer: response bodies as transferred (every system's program files
//   precompressed by zopfli, bench/run; data gzipped by the server at level 9; Pagefind's index
//   files are compressed by Pagefind) of every request that finished before
//   the first answer was on screen, from the page's Resource Timing (the cold run with the
//   median total);
// - gz bytes for full offline use: every file the system needs to answer any query with no
//   network, fetched once through the same server;
// - cold time to first answer: fresh browser context (empty cache, no service worker), page
//   opened with the question in its URL, navigation start → first results rendered; median;
// - warm latency: every query of queries.json, each timed over WARM_REPEAT runs after a
//   warm-up pass, from the query to the first ten results' display data; median and p99;
// - keyword queries: precision and recall against verbatim-substring truth (truth.mjs);
// - unit-role questions: plan-lookup asked the question, each peer its keyword rendering,
//   scored against the role truth (truth.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, paired, pct } from '../stats.mjs';
import { watchFirstAnswer, tracedFirstAnswer } from '../first-answer.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { launch } from '../../tests/browser/helpers.mjs';
import { SYSTEMS, readMeasures } from './build.mjs';
import { readQueries, keywordTruth, roleTruth, score, quoted } from './truth.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
// Cold loads per system (and per profile and trace): single loads on a 2-core machine swing by
// ±20 ms, and with 9 rounds the medians of two close systems swapped places between runs.
// 25 rounds: with 15, a system's median first answer moved by 10–20 ms between runs an hour
// apart on this machine, more than the differences being measured.
const COLD_RUNS = Number(process.env.COLD_RUNS || 25);
const WARM_REPEAT = Number(process.env.WARM_REPEAT || 5);
const WARM_MIN_MS = Number(process.env.WARM_MIN_MS || 20);
/** The first question, and what the peers are asked for it. */
const FIRST = { question: '区司法局牵头哪些任务', keywords: '区司法局' };

/** The files a system needs offline, relative to its directory. */
function offlineFiles(siteDir, sys) {
  const dir = path.join(siteDir, sys.dir);
  // (FILE.gz is FILE precompressed, sent in its place, not a file of its own: bench/run.)
  const walk = (d) =>
    fs
      .readdirSync(path.join(dir, d), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.gz') ? [] : [path.join(d, e.name)]));
  if (sys.dir === 'plan-lookup') {
    // What its service worker caches (sw-build.js lists it), plus the worker and that list.
    const list = fs.readFileSync(path.join(dir, 'sw-build.js'), 'utf8');
    return [...list.matchAll(/"url": "([^"]+)"/g)].map((m) => m[1]).concat(['sw.js', 'sw-build.js']);
  }
  if (sys.kind === 'pagefind') {
    // The search page and Pagefind's bundle minus its UI kits (this page does not use them);
    // the per-measure HTML pages are not needed: result fragments carry their content.
    return ['index.html', 'app.js', 'harness.js', 'engine.js'].concat(walk('pagefind').filter((f) => !/-ui\.|highlight/.test(f)));
  }
  return walk('.');
}

/** Sums transferred body bytes of `urls` (fetched fresh) from Resource Timing. */
async function transferOf(page, urls) {
  return page.evaluate(async (urls) => {
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(100000);
    for (let i = 0; i < urls.length; i += 32) {
      await Promise.all(
        urls.slice(i, i + 32).map(async (u) => {
          const r = await fetch(u, { cache: 'no-store' });
          if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
          await r.arrayBuffer();
        }),
      );
    }
    const entries = performance.getEntriesByType('resource');
    return { bytes: entries.reduce((s, e) => s + e.encodedBodySize, 0), files: entries.length };
  }, urls);
}

/** CPU slowdown of the throttled cold runs (Chromium's CPU throttling: a low-end phone). */
const THROTTLE = Number(process.env.THROTTLE || 4);

/** The page URL that opens a system with the first question. */
const firstUrl = (base, sys) =>
  sys.dir === 'plan-lookup'
    ? `${base}plan-lookup/?q=${encodeURIComponent(FIRST.question)}`
    : `${base}${sys.dir}/index.html?q=${encodeURIComponent(sys.kind === 'plan-lookup-bare' ? FIRST.question : FIRST.keywords)}&scope=all`;

/** Opens the system's page with the first question in its URL; returns time and bytes. With
 * `throttle` > 1 the page's CPU runs that many times slower. */
async function coldRun(browser, base, sys, throttle = 1) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await watchFirstAnswer(page);
    await page.goto(firstUrl(base, sys));
    const r = await page.evaluate(async () => {
      const t = await window.__firstAnswer;
      const painted = await window.__answerPainted;
      // Resource Timing entries can be recorded a little after the response they time: read
      // them once the page has settled, keeping those that ended before the answer.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const nav = performance.getEntriesByType('navigation')[0];
      const before = performance.getEntriesByType('resource').filter((e) => e.responseEnd <= t);
      // plan-lookup's steps (its User Timing marks, `plan-lookup:STEP`), each its first time.
      const steps = { 'last byte': Math.max(nav.responseEnd, ...before.map((e) => e.responseEnd)) };
      for (const m of performance.getEntriesByType('mark')) {
        const step = m.name.startsWith('plan-lookup:') ? m.name.slice('plan-lookup:'.length) : null;
        if (step && m.startTime <= t && !(step in steps)) steps[step] = m.startTime;
      }
      steps.answer = t;
      steps.painted = painted;
      return { t, painted, bytes: nav.encodedBodySize + before.reduce((s, e) => s + e.encodedBodySize, 0), requests: before.length + 1, steps };
    });
    if (problems.length) throw new Error(`${sys.label}: page errors: ${problems.join('; ')}`);
    return r;
  } finally {
    await context.close();
  }
}

/** Per key of any of `records` (objects of ms), the median over them all, a record without
 * the key counting 0 (a part that did not run in that load). */
function medianByKey(records) {
  const keys = [...new Set(records.flatMap((p) => Object.keys(p)))];
  return Object.fromEntries(keys.map((k) => [k, median(records.map((p) => p[k] || 0))]));
}

/** The median time of each step of plan-lookup's cold runs (ms since navigation) and the median
 * of each run's gap from the step before, in the order the steps came. */
function medianSteps(runs) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.steps)))];
  const at = Object.fromEntries(names.map((n) => [n, median(runs.map((r) => r.steps[n]).filter((v) => v !== undefined))]));
  names.sort((a, b) => at[a] - at[b]);
  return names.map((n, i) => ({
    step: n,
    at: at[n],
    gap: i === 0 ? null : median(runs.filter((r) => n in r.steps && names[i - 1] in r.steps).map((r) => r.steps[n] - r.steps[names[i - 1]])),
  }));
}

/**
 * Where plan-lookup's cold first answer spends the main thread: a CPU profile (sampled every
 * 100 µs) of the page opened with the first question, up to the answer, its self time summed
 * by what ran: the wasm module, the page script, the browser's own work (parse, compile,
 * style, layout, GC) and idle (waiting on the network). Median over `runs` profiles.
 */
async function coldProfile(browser, base, sys, runs) {
  const profiles = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await watchFirstAnswer(page);
      await cdp.send('Profiler.start');
      await page.goto(firstUrl(base, sys));
      const t = await page.evaluate(() => window.__firstAnswer);
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map(profile.nodes.map((n) => [n.id, 0]));
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      // Samples up to the answer only (timeDeltas are µs since the previous sample).
      let at = profile.startTime;
      const answerAt = profile.startTime + t * 1000;
      profile.samples.forEach((id, k) => {
        at += profile.timeDeltas[k];
        if (at <= answerAt + 1000) self.set(id, self.get(id) + profile.timeDeltas[k]);
      });
      const sums = {};
      for (const [id, us] of self) {
        const { functionName, url } = byId.get(id).callFrame;
        const what = /\.wasm|wasm-function/.test(url + functionName)
          ? 'wasm (load the data file, build the index, answer)'
          : url.endsWith('.js')
            ? `script: ${url.split('/').pop()}`
            : functionName === '(idle)'
              ? 'idle (waiting on the network)'
              : functionName === '(garbage collector)'
                ? 'garbage collection'
                : functionName === '(program)'
                  ? 'browser work (HTML/JS parse, wasm compile, style, layout, paint)'
                  : `other: ${functionName || '(anonymous)'}`;
        sums[what] = (sums[what] || 0) + us / 1000;
      }
      sums['first answer (total)'] = t;
      profiles.push(sums);
    } finally {
      await context.close();
    }
  }
  return medianByKey(profiles);
}

/** Trace event names → what the browser's main thread was doing (self time of each event). */
const TRACE_PARTS = [
  [/^wasm\.CompileLazy$/, 'wasm compiled on first call (V8 compiles lazily, on the main thread)'],
  [/^Layout$/, 'layout'],
  [/^(UpdateLayoutTree|ParseAuthorStyleSheet|RecalculateStyles)$/, 'style'],
  [/^ParseHTML$|HTMLDocumentParser/, 'HTML parse'],
  [/^(v8\.compile|v8\.compileModule|v8\.evaluateModule|EvaluateScript|v8\.produceModuleCache|v8\.produceCache|v8\.parseOnBackground|CompileScript|CompileCode)/, 'script parse, compile and module evaluation'],
  [/^(Paint|PrePaint|Layerize|Commit|UpdateLayer|CompositeLayers|PaintImage)$/, 'paint and commit'],
  [/GC|GarbageCollection|V8\.GC/, 'garbage collection'],
  [/^(LocalWindowProxy|V8\.DeserializeContext|ContextCreatedNotification|InstallConditionalFeatures|CommitLoad)/, 'page context setup'],
  [/^(RunTask|ThreadControllerImpl::RunTask|RunMicrotasks|FunctionCall|EventDispatch|TimerFire|FireAnimationFrame|v8\.callFunction|v8\.callAsConstructor|v8\.run|V8\.Execute)$/, 'script and wasm running, and other tasks'],
  [/^wasm\./, 'wasm streaming, validation and instantiation'],
];

/**
 * Where the browser's main thread spends a cold first answer, by Chromium's trace events: the
 * split of the CPU profile's "browser work" (which the profile cannot see into). Self time of
 * each event on the page's main thread from navigation to the answer, grouped by TRACE_PARTS;
 * script and wasm running (the profile's other rows) is what is left inside tasks. Median over
 * `runs` loads of `sys`. Tracing slows the page a little: compare rows, not totals, with the
 * untraced runs.
 */
async function coldTrace(browser, base, sys, runs) {
  const traces = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const url = firstUrl(base, sys);
      const { events, t } = await tracedFirstAnswer(context, url, 'toplevel,devtools.timeline,v8,v8.wasm,blink.user_timing');
      // The page's main thread: where its main frame's navigation started.
      const nav = events
        .filter((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && String(e.args.data.documentLoaderURL || '').startsWith(url.split('?')[0]))
        .sort((a, b) => b.ts - a.ts)[0];
      if (!nav) throw new Error(`${sys.label}: no navigationStart in the trace`);
      const end = nav.ts + t * 1000;
      const onMain = events
        .filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.dur > 0 && e.ts >= nav.ts && e.ts <= end)
        .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
      // Self time: an event's duration less its children's (nested events on one thread).
      const stack = [];
      const sums = {};
      let busy = 0;
      for (const e of onMain) {
        while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
        const self = { ts: e.ts, dur: Math.min(e.dur, end - e.ts), name: e.name, self: 0 };
        self.self = self.dur;
        if (stack.length) stack[stack.length - 1].self -= self.dur;
        else busy += self.dur;
        stack.push(self);
        e.part = self;
      }
      for (const e of onMain) {
        const part = TRACE_PARTS.find(([re]) => re.test(e.name))?.[1] ?? `other: ${e.name}`;
        sums[part] = (sums[part] || 0) + Math.max(0, e.part.self) / 1000;
      }
      sums['idle (waiting on the network)'] = Math.max(0, t - busy / 1000);
      sums['first answer (total, traced)'] = t;
      traces.push(sums);
    } finally {
      await context.close();
    }
  }
  return medianByKey(traces);
}

/** Opens the system's page, ready to search; returns the page (caller closes the context). */
async function openWarm(context, base, sys) {
  const page = await context.newPage();
  if (sys.dir === 'plan-lookup') {
    await page.goto(`${base}plan-lookup/`);
    await page.evaluate(async () => {
      const { PlanLookup } = await import('./plan-lookup.js');
      const lookup = await PlanLookup.load('data/plans.bin');
      window.bench = {
        async search(q) {
          const a = lookup.ask(q);
          return { results: a.results.map((r) => ({ key: `${r.doc}\u0000${r.plan}\u0000${r.seq}`, role: r.role })) };
        },
        // Mean over at least `runs` runs and `minMs` ms (the page's clock ticks in 0.1 ms), of
        // what the peers are timed on: every match's id and the first ten results' display
        // data (find() + measure(id) of the first ten, as a results list pages).
        time(q, _scope, runs, minMs) {
          const t0 = performance.now();
          let n = 0;
          let elapsed;
          do {
            const found = lookup.find(q);
            const shown = Math.min(10, found.count);
            for (let i = 0; i < shown; i++) lookup.measure(found.ids[i]).title;
            n++;
            elapsed = performance.now() - t0;
          } while (n < runs || elapsed < minMs);
          return elapsed / n;
        },
        // The same, for a whole ask() answer (every result with text, highlights, summary).
        timeAsk(q, runs, minMs) {
          const t0 = performance.now();
          let n = 0;
          let elapsed;
          do {
            lookup.ask(q);
            n++;
            elapsed = performance.now() - t0;
          } while (n < runs || elapsed < minMs);
          return elapsed / n;
        },
      };
    });
  } else {
    await page.goto(`${base}${sys.dir}/index.html`);
    await page.evaluate(async () => {
      await window.bench.ready;
      window.bench.time = async (q, scope, runs, minMs) => {
        const t0 = performance.now();
        let n = 0;
        let elapsed;
        do {
          await window.bench.search(q, scope, false);
          n++;
          elapsed = performance.now() - t0;
        } while (n < runs || elapsed < minMs);
        return elapsed / n;
      };
    });
  }
  return page;
}

/** Warm latency of `queries` ([text, scope]), in ms: per query the mean over at least `repeat`
 *  runs and WARM_MIN_MS (the page's clock is coarsened to 0.1 ms), after one warm-up run. */
async function warmTimes(page, queries, repeat) {
  return page.evaluate(
    async ({ queries, repeat, minMs }) => {
      for (const [q, s] of queries) await window.bench.time(q, s, 1, 0); // warm-up
      const out = [];
      for (const [q, s] of queries) out.push(await window.bench.time(q, s, repeat, minMs));
      return out;
    },
    { queries, repeat, minMs: WARM_MIN_MS },
  );
}

const fmtBytes = (n) => `${(n / 1024).toFixed(1)} KiB`;
const fmtMs = (n) => (n < 1 ? `${(n * 1000).toFixed(0)} µs` : n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(0)} ms`);
/** A difference in ms with its sign (− plan-lookup first, + the peer first). */
const fmtSignedMs = (v) => `${v < 0 ? '−' : '+'}${fmtMs(Math.abs(v))}`;
const fmt3 = (x) => x.toFixed(3);
const ratio = (x, base) => (base === 0 ? (x === 0 ? '1.0×' : '∞') : `${(x / base).toFixed(x / base < 10 ? 2 : 0)}×`);
const cell = (x, base, f) => (x == null ? '–' : `${f(x)} (${ratio(x, base)})`);

/** The font fontconfig sets Chinese text in (what Chromium on Linux asks it): a page of Chinese
 * text lays out at a very different cost with no Chinese font at all. */
function chineseFont() {
  try {
    return execFileSync('fc-match', ['-f', '%{family[0]}', 'sans-serif:lang=zh-cn'], { encoding: 'utf8' }).trim() || 'unknown';
  } catch {
    return 'unknown (no fc-match)';
  }
}

function machine(browser) {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'www', 'Cargo.toml', 'Cargo.lock'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {
    /* not a git checkout */
  }
  return {
    cpu: cpus.length ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    chromium: browser.version(),
    font: chineseFont(),
    node: process.version,
    commit,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

async function main() {
  const [siteDir, measuresFile, unitsFile, outFile = path.join(ROOT, 'bench/RESULTS.md')] = process.argv.slice(2);
  if (!siteDir || !measuresFile || !unitsFile) {
    console.error('usage: node bench/peers/bench.mjs SITE_DIR MEASURES.jsonl UNITS.json [RESULTS.md]   (bench/run does it all)');
    process.exit(2);
  }
  const measures = readMeasures(measuresFile);
  const directory = JSON.parse(fs.readFileSync(unitsFile, 'utf8'));
  const queries = readQueries(path.join(here, 'queries.json'));
  const keyOf = new Map(measures.map((m, id) => [`${m.doc}\u0000${m.plan}\u0000${m.seq}`, id]));
  const kwTruth = queries.keyword.map((k) => keywordTruth(measures, k.q));
  const empty = queries.keyword.filter((k, i) => kwTruth[i].size === 0).map((k) => k.q);
  if (empty.length) throw new Error(`queries.json: no measure contains ${empty.join(', ')}: the query set must only hold queries with an answer`);
  const rlTruth = queries.roles.map((r) => roleTruth(measures, directory, r));

  const server = await startServer({ root: siteDir });
  const browser = await launch();
  const results = [];
  try {
    const env = machine(browser);
    console.error(`bench: ${SYSTEMS.length} systems, chromium ${env.chromium}, ${queries.keyword.length} keyword queries, ${queries.roles.length} role questions`);
    // Cold: first answer, a fresh context each run. The runs go round the systems in turn (one
    // of each, then again), after one load thrown away: a system's runs back to back would
    // give whichever system came first the browser's own warm-up and any slow spell.
    const coldRuns = new Map(SYSTEMS.map((sys) => [sys, { cold: [], slow: [] }]));
    await coldRun(browser, server.url, SYSTEMS[0]);
    for (let i = 0; i < COLD_RUNS; i++) for (const sys of SYSTEMS) coldRuns.get(sys).cold.push(await coldRun(browser, server.url, sys));
    for (let i = 0; i < COLD_RUNS; i++) for (const sys of SYSTEMS) coldRuns.get(sys).slow.push(await coldRun(browser, server.url, sys, THROTTLE));
    for (const sys of SYSTEMS) {
      const isPL = sys.dir === 'plan-lookup';
      const r = { sys };
      const { cold, slow } = coldRuns.get(sys);
      r.cold = median(cold.map((c) => c.t));
      r.coldPainted = median(cold.map((c) => c.painted));
      // What finished before the answer varies from run to run (a favicon, fetched alongside,
      // lands before a slow answer and after a fast one): the median run, as for the times.
      const byBytes = [...cold].sort((a, b) => a.bytes - b.bytes);
      const mid = byBytes[(byBytes.length - 1) >> 1];
      r.firstBytes = mid.bytes;
      r.firstRequests = mid.requests;
      r.coldThrottled = median(slow.map((c) => c.t));
      // Each round's time, in round order: the report pairs systems round by round.
      r.coldTimes = cold.map((c) => c.t);
      r.slowTimes = slow.map((c) => c.t);
      if (sys.dir.startsWith('plan-lookup')) r.steps = medianSteps(cold);
      if (isPL) r.profile = await coldProfile(browser, server.url, sys, COLD_RUNS);
      if (sys.coldOnly) {
        results.push(r);
        console.error(`  ${sys.label}: first answer ${fmtBytes(r.firstBytes)} / cold ${fmtMs(r.cold)} (${fmtMs(r.coldThrottled)} at CPU ${THROTTLE}×)`);
        continue;
      }

      const context = await browser.newContext({ serviceWorkers: 'block' });
      try {
        const page = await openWarm(context, server.url, sys);
        // Full offline use.
        const files = offlineFiles(siteDir, sys).map((f) => `${server.url}${sys.dir}/${f.split(path.sep).join('/')}`);
        const off = await transferOf(page, files);
        r.offlineBytes = off.bytes;
        r.offlineFiles = off.files;

        // Quality. plan-lookup's role answer is its named rows; its collective rows (units
        // reached through 区直各单位… , shown after them with the collective named) are counted apart.
        const ask = async (q, scope) =>
          page.evaluate(async ([q, scope]) => {
            const a = await window.bench.search(q, scope, true);
            return a.results ? a.results : a.ids;
          }, [q, scope]);
        const toIds = (got) => {
          if (!isPL) return { ids: got, collective: 0 };
          const named = got.filter((x) => x.role !== 'collective');
          const ids = named.map((x) => {
            if (!keyOf.has(x.key)) throw new Error(`plan-lookup answered a measure not in the export (${x.key.split('\u0000').join(' / ')}): rebuild www/ (scripts/build-web) and the export together`);
            return keyOf.get(x.key);
          });
          return { ids, collective: got.length - named.length };
        };
        r.keyword = [];
        for (const [i, k] of queries.keyword.entries()) {
          const { ids } = toIds(await ask(isPL ? quoted(k.q) : k.q, 'text'));
          r.keyword.push({ got: ids, truth: kwTruth[i], kind: k.kind });
        }
        r.roles = [];
        for (const [i, q] of queries.roles.entries()) {
          const { ids, collective } = toIds(await ask(isPL ? q.question : q.keywords, 'all'));
          r.roles.push({ got: ids, truth: rlTruth[i], collective });
        }
        // Warm latency over every query.
        const warmQueries = queries.keyword
          .map((k) => [isPL ? quoted(k.q) : k.q, 'text'])
          .concat(queries.roles.map((q) => [isPL ? q.question : q.keywords, 'all']));
        const times = await warmTimes(page, warmQueries, WARM_REPEAT);
        const kwTimes = times.slice(0, queries.keyword.length);
        r.warmMedian = median(kwTimes);
        r.warmP99 = pct(kwTimes, 99);
        r.warmRoleMedian = median(times.slice(queries.keyword.length));
        if (isPL) {
          // For the record: a whole ask() answer, which no peer computes.
          const kwQueries = warmQueries.slice(0, queries.keyword.length).map(([q]) => q);
          const askTimes = await page.evaluate(
            ({ qs, repeat, minMs }) => {
              for (const q of qs) window.bench.timeAsk(q, 1, 0);
              return qs.map((q) => window.bench.timeAsk(q, repeat, minMs));
            },
            { qs: kwQueries, repeat: WARM_REPEAT, minMs: WARM_MIN_MS },
          );
          r.askMedian = median(askTimes);
          r.askP99 = pct(askTimes, 99);
        }
      } finally {
        await context.close();
      }
      r.kw = score(r.keyword);
      r.rl = score(r.roles);
      results.push(r);
      console.error(
        `  ${sys.label}: first answer ${fmtBytes(r.firstBytes)} / cold ${fmtMs(r.cold)}; offline ${fmtBytes(r.offlineBytes)}; warm ${fmtMs(r.warmMedian)} (p99 ${fmtMs(r.warmP99)}); keyword P ${fmt3(r.kw.precision)} R ${fmt3(r.kw.recall)}; roles P ${fmt3(r.rl.precision)} R ${fmt3(r.rl.recall)}`,
      );
    }
    // The browser's main thread by trace events: plan-lookup's page, its bare page and the peer
    // with the fastest cold first answer.
    const fastest = results.filter((r) => !r.sys.coldOnly && r.sys.dir !== 'plan-lookup').sort((a, b) => a.cold - b.cold)[0];
    const traced = results.filter((r) => r.sys.dir === 'plan-lookup' || r.sys.coldOnly || r === fastest);
    for (const r of traced) r.trace = await coldTrace(browser, server.url, r.sys, COLD_RUNS);
    fs.writeFileSync(outFile, report(env, results, queries, rlTruth));
    console.error(`wrote ${outFile}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

function report(env, results, queries, rlTruth) {
  const base = results.find((r) => r.sys.dir === 'plan-lookup');
  const L = [];
  L.push('# plan-lookup side by side with the search engines a portal would pick instead');
  L.push('');
  L.push('Written by `bench/run` (bench/peers/bench.mjs): do not edit; re-run it. One headless Chromium');
  L.push('run, every system serving the same measures of the default corpus (`plan-lookup export`) from');
  L.push('127.0.0.1. Each figure is followed by its ratio to plan-lookup.');
  L.push('');
  L.push(`- date: ${env.date}; plan-lookup commit ${env.commit}`);
  L.push(`- machine: ${env.cpu}, ${env.cores} cores, ${env.memory} RAM, ${env.os}`);
  L.push(`- Chromium ${env.chromium} (headless, playwright-core), node ${env.node}; Chinese text set in ${env.font}`);
  L.push(`- ${queries.keyword.length} keyword queries and ${queries.roles.length} unit-role questions (bench/peers/queries.json); cold runs: ${COLD_RUNS} per system; warm: every query, mean of ≥ ${WARM_REPEAT} runs and ≥ ${WARM_MIN_MS} ms`);
  L.push('');
  L.push('## Cost');
  L.push('');
  L.push(`| system | gz bytes to first answer | gz bytes, full offline | cold first answer (median) | cold first answer painted (median) | cold first answer, CPU ${THROTTLE}× slower (median) | warm keyword query, median | warm keyword query, p99 | warm unit-role query, median |`);
  L.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    L.push(
      `| ${r.sys.label} | ${cell(r.firstBytes, base.firstBytes, fmtBytes)}, ${r.firstRequests} requests | ${r.sys.coldOnly ? '–' : `${cell(r.offlineBytes, base.offlineBytes, fmtBytes)}, ${r.offlineFiles} files`} | ${cell(r.cold, base.cold, fmtMs)} | ${cell(r.coldPainted, base.coldPainted, fmtMs)} | ${cell(r.coldThrottled, base.coldThrottled, fmtMs)} | ${cell(r.warmMedian, base.warmMedian, fmtMs)} | ${cell(r.warmP99, base.warmP99, fmtMs)} | ${cell(r.warmRoleMedian, base.warmRoleMedian, fmtMs)} |`,
    );
  }
  L.push('');
  L.push(`"Cold first answer" is the answer in the page (the widget's \`plan-lookup-answer\` event, the harness's \`bench-answer\`); "painted" is the end of the main thread's work on the next frame (style, layout, paint), when that answer is on screen. The CPU-slowed runs use Chromium's CPU throttling (${THROTTLE}×, as a low-end phone), network unthrottled.`);
  const plRows = results.filter((r) => r.sys.dir.startsWith('plan-lookup'));
  const peerRows = results.filter((r) => !r.sys.dir.startsWith('plan-lookup'));
  if (plRows.length && peerRows.length) {
    L.push('');
    L.push('### plan-lookup against each peer, round by round');
    L.push('');
    L.push(`Single cold loads on this machine swing by tens of ms, so two medians a few ms apart say little. The cold runs above go round the systems in turns, so each round times every system once under the same conditions: per pair of systems, the median of the ${COLD_RUNS} rounds' differences (plan-lookup − peer; below zero, plan-lookup first), the rounds plan-lookup's answer came first, and the two-sided sign test's p for "neither comes first more often" (above 0.05: a tie at this noise).`);
    L.push('');
    L.push(`| plan-lookup page | peer | cold: median of the differences | rounds first | sign test p | CPU ${THROTTLE}×: median of the differences | rounds first | sign test p |`);
    L.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const a of plRows) {
      for (const b of peerRows) {
        const c = paired(a.coldTimes, b.coldTimes);
        const t = paired(a.slowTimes, b.slowTimes);
        L.push(`| ${a.sys.label} | ${b.sys.label} | ${fmtSignedMs(c.median)} | ${c.wins} of ${c.rounds} | ${c.p.toFixed(3)} | ${fmtSignedMs(t.median)} | ${t.wins} of ${t.rounds} | ${t.p.toFixed(3)} |`);
      }
    }
  }
  const stepped = results.filter((r) => r.steps);
  if (stepped.length) {
    L.push('');
    L.push("### plan-lookup's cold first answer step by step");
    L.push('');
    L.push(`The User Timing marks plan-lookup.js and the widget set (\`plan-lookup:STEP\`, www/README.md) in the cold runs above: median ms since navigation, and in brackets the median gap from the step before in that page's own order (the bare page calls load() before its last byte). "last byte" is the last response that ended before the answer; "answer" is the first answer in the page, "painted" the end of the frame that puts it on screen.`);
    L.push('');
    const names = [...new Set(stepped.flatMap((r) => r.steps.map((x) => x.step)))];
    L.push(`| step | ${stepped.map((r) => r.sys.label).join(' | ')} |`);
    L.push(`| --- | ${stepped.map(() => '---').join(' | ')} |`);
    for (const n of names) {
      const cell = (r) => {
        const x = r.steps.find((y) => y.step === n);
        return x ? `${x.at.toFixed(1)}${x.gap === null ? '' : ` (${x.gap < 0 ? '−' : '+'}${Math.abs(x.gap).toFixed(1)})`}` : '–';
      };
      L.push(`| ${n} | ${stepped.map(cell).join(' | ')} |`);
    }
  }
  if (base.profile) {
    L.push('');
    L.push("### Where plan-lookup's cold first answer goes");
    L.push('');
    L.push(`A CPU profile of the main thread (sampled every 100 µs) from navigation to the first answer, median of ${COLD_RUNS} cold loads, self time by what ran:`);
    L.push('');
    L.push('| part | ms |');
    L.push('| --- | --- |');
    // Parts under 0.5 ms each are summed into one row.
    const parts = Object.entries(base.profile).sort((a, b) => b[1] - a[1]);
    const small = parts.filter(([, v]) => v < 0.5);
    for (const [k, v] of parts.filter(([, v]) => v >= 0.5)) L.push(`| ${k} | ${v.toFixed(1)} |`);
    if (small.length) L.push(`| other (${small.length} parts under 0.5 ms each) | ${small.reduce((a, [, v]) => a + v, 0).toFixed(1)} |`);
  }
  const traced = results.filter((r) => r.trace);
  if (traced.length) {
    L.push('');
    L.push(`The same cold load by Chromium's trace events (main thread, self time, median of ${COLD_RUNS} traced loads): the "browser work" above split into what the browser did, beside the peers' bare page run by plan-lookup and the fastest peer. Tracing slows a page a little; compare rows, not totals, with the untraced runs.`);
    L.push('');
    L.push(`| part | ${traced.map((r) => r.sys.label).join(' | ')} |`);
    L.push(`| --- | ${traced.map(() => '---').join(' | ')} |`);
    // Small "other" events (each under 1 ms in every column) are summed into one row.
    const all = [...new Set(traced.flatMap((r) => Object.keys(r.trace)))];
    const small = all.filter((k) => k.startsWith('other: ') && traced.every((r) => (r.trace[k] || 0) < 1));
    const value = (r, k) => (k === 'other (events under 1 ms each)' ? small.reduce((n, s) => n + (r.trace[s] || 0), 0) : r.trace[k] || 0);
    const parts = all.filter((k) => !small.includes(k)).concat(small.length ? ['other (events under 1 ms each)'] : []);
    parts.sort((a, b) => value(traced[0], b) - value(traced[0], a));
    for (const k of parts) L.push(`| ${k} | ${traced.map((r) => value(r, k).toFixed(1)).join(' | ')} |`);
  }
  L.push('');
  L.push(
    'Warm queries are timed as a results list pages: every match and the first ten results\' display data ' +
      '(plan-lookup: `find()` + `measure(id)`, cached in JS like the peers\' stores). ' +
      `plan-lookup's whole \`ask()\` answer (every result with its text and highlights, the summary by unit), ` +
      `which no peer computes: keyword median ${fmtMs(base.askMedian)}, p99 ${fmtMs(base.askP99)}.`,
  );
  L.push('');
  L.push("Against the issue's goals for plan-lookup on the seed corpus:");
  L.push('');
  // Systems with answers (the cold-only bare-page row is plan-lookup, not a peer).
  const answered = results.filter((r) => !r.sys.coldOnly);
  const bare = results.find((r) => r.sys.kind === 'plan-lookup-bare');
  const peers = answered.filter((r) => r !== base);
  const fastest = peers.reduce((a, b) => (b.warmMedian < a.warmMedian ? b : a));
  const goal = (ok, text) => L.push(`- ${ok ? 'met' : '**not met**'}: ${text}`);
  goal(base.firstBytes <= 150000, `at most 150 KB gz to first answer: ${(base.firstBytes / 1000).toFixed(1)} KB`);
  goal(base.cold < 100, `cold first answer under 100 ms: ${fmtMs(base.cold)}`);
  const fastestCold = peers.reduce((a, b) => (b.cold < a.cold ? b : a));
  // Against the fastest peer, round by round (see "plan-lookup against each peer").
  const rounds = (r) => {
    const x = paired(r.coldTimes, fastestCold.coldTimes);
    return `round by round against it, median ${fmtSignedMs(x.median)}, first in ${x.wins} of ${x.rounds} (sign test p ${x.p.toFixed(3)})`;
  };
  goal(peers.every((r) => base.cold <= r.cold), `cold first answer no slower than any peer's: ${fmtMs(base.cold)}; fastest peer ${fastestCold.sys.label}, ${fmtMs(fastestCold.cold)}; ${rounds(base)}`);
  if (bare) {
    goal(
      peers.every((r) => bare.cold <= r.cold) && bare.firstBytes <= 150000,
      `like for like (plan-lookup's JS API on the peers' bare page): cold first answer no slower than any peer's and at most 150 KB gz: ${fmtMs(bare.cold)}, ${(bare.firstBytes / 1000).toFixed(1)} KB; fastest peer ${fmtMs(fastestCold.cold)}; ${rounds(bare)}`,
    );
  }
  goal(peers.every((r) => base.warmMedian < r.warmMedian), `warm keyword median below every peer's: ${fmtMs(base.warmMedian)}; fastest peer ${fastest.sys.label}, ${fmtMs(fastest.warmMedian)}`);
  goal(base.kw.precision === 1 && base.kw.recall === 1 && base.rl.precision === 1 && base.rl.recall === 1, `recall and precision both 1.000: keyword ${fmt3(base.kw.precision)} / ${fmt3(base.kw.recall)}, unit-role ${fmt3(base.rl.precision)} / ${fmt3(base.rl.recall)}`);
  L.push('');
  L.push('## Answers');
  L.push('');
  L.push('Precision and recall are micro-averaged (all returned results of all queries pooled); "exact" counts');
  L.push('the queries whose result set is exactly the truth.');
  L.push('');
  L.push(`| system | keyword precision | keyword recall | keyword exact (of ${queries.keyword.length}) | unit-role precision | unit-role recall | unit-role exact (of ${queries.roles.length}) |`);
  L.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of answered) {
    L.push(
      `| ${r.sys.label} | ${cell(r.kw.precision, base.kw.precision, fmt3)} | ${cell(r.kw.recall, base.kw.recall, fmt3)} | ${r.kw.exact} | ${cell(r.rl.precision, base.rl.precision, fmt3)} | ${cell(r.rl.recall, base.rl.recall, fmt3)} | ${r.rl.exact} |`,
    );
  }
  L.push('');
  L.push('Keyword queries by kind (precision / recall):');
  L.push('');
  const kinds = [...new Set(queries.keyword.map((k) => k.kind))];
  L.push(`| system | ${kinds.map((k) => `${k} (${queries.keyword.filter((q) => q.kind === k).length})`).join(' | ')} |`);
  L.push(`| --- | ${kinds.map(() => '---').join(' | ')} |`);
  for (const r of answered) {
    L.push(
      `| ${r.sys.label} | ${kinds
        .map((k) => {
          const s = score(r.keyword.filter((x) => x.kind === k));
          return `${s.precision.toFixed(2)} / ${s.recall.toFixed(2)}`;
        })
        .join(' | ')} |`,
    );
  }
  L.push('');
  L.push('Unit-role questions: results returned / of them correct, against the true answer.');
  L.push('plan-lookup is asked the question; each peer its keyword rendering (in brackets).');
  L.push('');
  L.push(`| question (peers asked) | true answer | ${answered.map((r) => r.sys.label).join(' | ')} |`);
  L.push(`| --- | --- | ${answered.map(() => '---').join(' | ')} |`);
  queries.roles.forEach((q, i) => {
    const cells = answered.map((r) => {
      const x = r.roles[i];
      const hit = new Set(x.got).size && [...new Set(x.got)].filter((id) => x.truth.has(id)).length;
      const extra = x.collective ? ` (+${x.collective} via collective names)` : '';
      return `${new Set(x.got).size} / ${hit}${extra}`;
    });
    L.push(`| ${q.question} (${q.keywords}) | ${rlTruth[i].size} | ${cells.join(' | ')} |`);
  });
  L.push('');
  L.push('## How it is measured');
  L.push('');
  L.push('- **Documents.** Every peer gets one document per measure: title, text (the body without the unit');
  L.push('  clause), the unit clause as a page prints it (牵头单位：…；参加单位：…, or 责任单位：…) and the place.');
  L.push('  MiniSearch, FlexSearch and Fuse.js load them as one JSON file and build their index in the browser');
  L.push('  (as plan-lookup builds its indexes from its data file); Pagefind indexes one HTML page per measure');
  L.push('  with its own CLI (`pagefind --site … --force-language zh`) and loads its index chunks and result');
  L.push('  fragments on demand. Libraries are served as their npm packages ship them (MiniSearch has no');
  L.push('  minified ES build: 18 KiB gz where a bundler would make it about half).');
  L.push('- **plan-lookup** is its real page (`www/index.html?q=…`, the `<plan-lookup>` widget with its styles and');
  L.push('  page script) for the first answer, and its JS API (`PlanLookup.ask`) for the rest; peers use a bare page');
  L.push('  that lists result titles. Full offline = what its service worker');
  L.push('  caches (sw-build.js, including the page, icons and manifest) plus the worker. Peers\' full offline =');
  L.push('  their search page, library, and data (Pagefind: its bundle without its UI kits; the result fragments');
  L.push('  carry the content, so the per-measure HTML pages are not counted).');
  L.push("- **plan-lookup, bare page** is the like-for-like row: plan-lookup's JS API (`PlanLookup.load`, then `find`");
  L.push("  for every match and `measure(id)` for the ten titles shown, as the harness asks of every peer; its data");
  L.push("  is the bundle `data/plans.wasm`, the query module with the data file inside, one request as a portal");
  L.push("  deploys it for the fastest first answer, where the real page fetches the module and data file apart)");
  L.push("  behind the peers' own harness page, with the same request chain as theirs (page → app.js → harness.js +");
  L.push('  engine.js → library → data) and no preload hints or bundling of the page; it is asked the question. Its');
  L.push("  cold figures compare the engines; the real page's add the");
  L.push('  widget (its chrome, styles and rich results) and the page around it. Cold figures only: its answers are');
  L.push("  the real page's.");
  L.push('- **Bytes** are response bodies as transferred: every system\'s program files (pages, scripts, styles, wasm)');
  L.push('  precompressed alike by zopfli (bench/run, as `scripts/build-web` ships them for gzip_static), data files');
  L.push('  gzipped by scripts/serve.mjs at level 9, and Pagefind\'s index files compressed by Pagefind and sent as they');
  L.push('  are; from Resource Timing. Bytes to the first');
  L.push('  answer: every response that ended before the answer was on screen, in the cold run with the median such');
  L.push('  total (a favicon the browser fetches alongside ends before a slow answer and after a fast one).');
  L.push(`- **Cold first answer**: runs go round the systems in turn (one of each, ${COLD_RUNS} rounds, after one load thrown away); a fresh browser context per run (empty cache, service workers blocked) opens the`);
  L.push(`  page with the question in its URL ("${FIRST.question}"; peers: "${FIRST.keywords}"); time from navigation`);
  L.push('  start until the first results are rendered.');
  L.push('- **Warm query**: in a loaded page, every query of the set, run once to warm up, then its mean time over');
  L.push(`  at least ${WARM_REPEAT} runs and ${WARM_MIN_MS} ms (the page clock ticks in 0.1 ms): from the query until the first ten`);
  L.push("  results' display data (title) are in hand. The work differs: plan-lookup's `ask()` returns its whole");
  L.push('  answer as JS objects (every result with text, units and highlights); the peers return ids and ten titles.');
  L.push('  (Pagefind: `search()` plus `data()` of the first ten; plan-lookup: `ask()`, the whole answer as JS objects).');
  L.push('- **Keyword truth**: a measure is relevant iff every space-separated term of the query occurs verbatim in');
  L.push('  its title or text. plan-lookup is asked the terms in quotes (“…”), its syntax for exact text. MiniSearch,');
  L.push('  FlexSearch and Fuse.js search the title and text fields only. Pagefind cannot limit a search to fields,');
  L.push('  so it searches the whole page (title, text, unit clause, place), which costs it precision on unit names.');
  L.push('  Set-ups: MiniSearch default tokenizer with prefix matching and AND (a Chinese run between punctuation is');
  L.push('  one token, so only phrases that start a run are found); MiniSearch with a CJK character-bigram tokenizer');
  L.push('  for documents and queries, AND; FlexSearch `encoder: Charset.CJK`, `tokenize: "strict"`, `context: true`;');
  L.push("  Fuse.js extended search, `'term` (include-match, no fuzziness) for every term, ANDed over the fields.");
  L.push('- **Unit-role truth** (bench/peers/truth.mjs), from `plan-lookup export` and `plan-lookup units --json`:');
  L.push('  queries.json names the directory entries (place, canonical name) a question means; an entry\'s printed');
  L.push('  forms are its name and aliases. In a measure of that place the unit *leads* if a printed form is in the');
  L.push('  lead list, or the measure has no lead and the form is its first-listed 责任单位 (the convention');
  L.push('  plan-lookup labels 列首位的责任单位); it *joins* if a form is in the support list or is a 责任单位 other than');
  L.push('  that first one; *负责* questions ask for either. Units reached only through a collective name (区直各单位…)');
  L.push('  are not in the truth; plan-lookup shows those rows after the named ones, labelled with the collective');
  L.push('  name, and they are counted apart above ("via collective names"), not scored.');
  L.push('');
  return L.join('\n');
}

main().catch((e) => {
  console.error(`error: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
