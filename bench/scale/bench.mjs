// Browser side of bench/scale/run: for each synthetic corpus, the single data file's load time
// and warm latency in headless Chromium, and for its sharded build, the gzipped bytes fetched
// until the first answer for one place, that load's time and warm latency. Prints one JSON line
// per corpus.
//
//   node bench/scale/bench.mjs FACTOR:DATA.bin:SHARD_DIR ...
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, WWW as BUILT_WWW } from '../../tests/browser/helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

const UNIT = ['资阳区司法局牵头哪些任务', '区司法局牵头哪些任务', '区人社局参与哪些工作', '区法院有哪些任务', '区财政局负责什么'];
const KEYWORD = ['行政复议', '法律顾问', '宪法 学习', '公共法律服务', '矛盾纠纷', '量子计算机'];
const PLACE = '资阳区';
/** Asked across every place of the sharded build (PlanLookup.acrossPlaces). */
const ACROSS = '区司法局牵头哪些任务';
/** The web build to measure (default www/; SCALE_WWW points at another build of it). */
const WWW = process.env.SCALE_WWW || BUILT_WWW;
const LOAD_TIMEOUT_MS = 240000;

/** A folder serving the JS and wasm of www/ plus the corpus files, by symlink. */
function site(data, shards) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-scale-'));
  for (const f of ['plan-lookup.js', 'pkg']) fs.symlinkSync(path.join(WWW, f), path.join(dir, f));
  fs.symlinkSync(path.resolve(data), path.join(dir, 'corpus.bin'));
  fs.symlinkSync(path.resolve(shards), path.join(dir, 'shards'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>scale</title>');
  return dir;
}

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** In the page: loads `url` with `options`, then times warm questions, `rounds` samples of each
 * (a p99 needs about 100 samples; the single 1,000× data file answers too slowly for that). */
async function measure(page, url, options, rounds) {
  return page.evaluate(
    async ({ url, options, unit, keyword, rounds }) => {
      const { PlanLookup } = await import('./plan-lookup.js');
      const t0 = performance.now();
      const lookup = await PlanLookup.load(url, options);
      window.lookup = lookup;
      const first = lookup.ask(unit[0]);
      const loadMs = performance.now() - t0;
      // performance.now() is coarse outside cross-origin isolation: time 10 asks per sample.
      // Warm: every question is asked 20 times first, so the figures are of the engine's
      // optimised code (the browser compiles hot wasm functions again, optimised, in the
      // background), not of its first calls.
      const time = async (questions) => {
        for (const q of questions) for (let i = 0; i < 20; i++) lookup.ask(q);
        // The browser optimises the hot wasm functions in the background: let it finish.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const samples = [];
        for (let round = 0; round < rounds; round++) {
          for (const q of questions) {
            const t = performance.now();
            for (let i = 0; i < 10; i++) lookup.ask(q);
            samples.push((performance.now() - t) / 10);
          }
        }
        samples.sort((a, b) => a - b);
        const at = (p) => samples[Math.round((samples.length - 1) * p)];
        return [at(0.5), at(0.99)];
      };
      return { loadMs, measures: lookup.size, firstResults: first.results.length, unitMs: await time(unit), keywordMs: await time(keyword) };
    },
    { url, options, unit: UNIT, keyword: KEYWORD, rounds },
  );
}

const browser = await launch();
try {
  for (const arg of process.argv.slice(2)) {
    const [factor, data, shards] = arg.split(':');
    const dir = site(data, shards);
    const server = await startServer({ root: dir });
    const out = { factor: Number(factor) };
    try {
      // The single data file.
      let page = await browser.newPage();
      page.setDefaultTimeout(LOAD_TIMEOUT_MS);
      await page.goto(server.url);
      try {
        out.single = await measure(page, 'corpus.bin', {}, 5);
      } catch (e) {
        out.single = { error: String(e.message || e).split('\n')[0] };
      }
      await page.close();
      // Closing a page that held a 1,000× corpus frees gigabytes: let that finish before timing
      // anything else on this 2-core machine.
      await new Promise((resolve) => setTimeout(resolve, 3000));

      // The sharded build, one place: every file fetched until the first answer, gzipped.
      page = await browser.newPage();
      page.setDefaultTimeout(LOAD_TIMEOUT_MS);
      const fetched = new Set();
      page.on('request', (r) => fetched.add(new URL(r.url()).pathname));
      await page.goto(server.url);
      out.sharded = await measure(page, 'shards/manifest.bin', { place: PLACE }, 20);
      const files = [...fetched].filter((p) => p !== '/');
      out.sharded.files = files.map((p) => {
        const real = path.join(dir, decodeURIComponent(p));
        return { file: p, bytes: fs.statSync(real).size, gz: gz(real) };
      });
      out.sharded.gzToFirstAnswer = out.sharded.files.reduce((n, f) => n + f.gz, 0);
      // A question about every place, answered from the unit summaries (no other shard).
      const before = new Set(fetched);
      out.sharded.across = await page.evaluate(async (q) => {
        const t = performance.now();
        const units = await window.lookup.acrossPlaces(q);
        const firstMs = performance.now() - t;
        const t2 = performance.now();
        for (let i = 0; i < 10; i++) await window.lookup.acrossPlaces(q);
        const warmMs = (performance.now() - t2) / 10;
        const u = units.find((x) => x.unit === '区司法局');
        return { question: q, firstMs, warmMs, places: u ? u.places.filter((r) => r.lead + r.responsibleFirst > 0).length : 0, shardsLoaded: window.lookup.info().loadedPlaces };
      }, ACROSS);
      out.sharded.across.files = [...fetched].filter((p) => !before.has(p)).map((p) => ({ file: p, gz: gz(path.join(dir, decodeURIComponent(p))) }));
      await page.close();
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(JSON.stringify(out));
  }
} finally {
  await browser.close();
}
