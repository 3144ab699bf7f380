// Two web builds side by side: cold first answers of each build's offline page and of its bare
// page (plan-lookup's API on the peers' harness, as bench/peers builds it), loaded in turns
// (A, B, B, A, …) in fresh browser contexts, so both see the same machine. Prints the median of
// each `plan-lookup:STEP` mark and of the first answer, and B − A, and the median of the
// rounds' own differences. Single cold loads here swing by ±20 ms and whole bench/run runs by
// more, so a load-path change is judged by this; below ~5 ms, only with 100 rounds or more
// (25-round runs of one change gave 4 and 13 ms).
//
//   node bench/ab/ab.mjs WWW_A WWW_B [ROUNDS]     (bench/ab/run installs what it needs)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from '../../tests/browser/helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { buildPlanLookupBareSite } from '../peers/build.mjs';
import { median, paired } from '../stats.mjs';
import { abArgs } from './args.mjs';
import { watchFirstAnswer } from '../first-answer.mjs';

const QUESTION = '区司法局牵头哪些任务';
const STEPS = ['load', 'compiled', 'instantiated', 'fetched', 'built', 'asked', 'rendered', 'answer', 'painted'];
const NEEDED = ['index.html', 'app.bundle.js', 'plan-lookup.min.js', 'pkg/plan_lookup_query_bg.wasm', 'data/plans.bin'];

/** Both builds' pages under one temporary root: a/offline (a copy of WWW_A), a/bare, b/…. */
function sites(wwwA, wwwB) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-ab-'));
  for (const [name, www] of [['a', wwwA], ['b', wwwB]]) {
    for (const f of NEEDED) {
      if (!fs.existsSync(path.join(www, f))) throw new Error(`${path.join(www, f)} is missing: give a www/ directory built by scripts/build-web`);
    }
    fs.cpSync(www, path.join(root, name, 'offline'), { recursive: true, dereference: true });
    const bare = path.join(root, name, 'bare');
    fs.mkdirSync(bare, { recursive: true });
    buildPlanLookupBareSite(bare, { label: `plan-lookup, bare page (${name})` }, www);
  }
  return root;
}

/** One cold load of `url`: ms since navigation of each step mark and of the first answer. */
async function coldLoad(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await watchFirstAnswer(page);
    await page.goto(url);
    return await page.evaluate(async () => {
      const late = new Promise((_, reject) => setTimeout(() => reject(new Error(`no first answer within 30 s at ${location.href}`)), 30000));
      const answer = await Promise.race([window.__firstAnswer, late]);
      const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('plan-lookup:'));
      const painted = await window.__answerPainted;
      return { start: 0, ...Object.fromEntries(marks.map((m) => [m.name.slice('plan-lookup:'.length), m.startTime])), answer, painted };
    });
  } finally {
    await context.close();
  }
}

async function main() {
  const { wwwA, wwwB, rounds } = abArgs('ab.mjs', 25);
  const root = sites(path.resolve(wwwA), path.resolve(wwwB));
  const server = await startServer({ root });
  const browser = await launch();
  try {
    const q = encodeURIComponent(QUESTION);
    const loads = { offline: { a: [], b: [] }, bare: { a: [], b: [] } };
    const urlOf = (build, kind) => `${server.url}${build}/${kind}/index.html?q=${q}`;
    // One load of each thrown away (the server's first responses, the browser's first context).
    for (const kind of ['offline', 'bare']) for (const build of ['a', 'b']) await coldLoad(browser, urlOf(build, kind));
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 ? ['a', 'b'] : ['b', 'a'];
      for (const kind of ['offline', 'bare']) for (const build of order) loads[kind][build].push(await coldLoad(browser, urlOf(build, kind)));
      process.stderr.write(`\r  round ${i + 1}/${rounds}`);
    }
    process.stderr.write('\n');
    console.log(`A = ${path.resolve(wwwA)}\nB = ${path.resolve(wwwB)}\n${rounds} cold loads of each page per build, in turns; question "${QUESTION}"`);
    for (const kind of ['offline', 'bare']) {
      console.log(`\n${kind === 'offline' ? 'offline page (index.html, the widget)' : "bare page (the peers' harness)"}: median ms since navigation`);
      console.log('| step | A | B | B − A |\n| --- | --- | --- | --- |');
      const med = (build, step) => {
        const xs = loads[kind][build].map((l) => l[step]).filter((x) => typeof x === 'number');
        return xs.length ? median(xs) : null;
      };
      const gap = (build, from, to) => median(loads[kind][build].map((l) => l[to] - l[from]).filter((x) => x === x));
      for (const step of STEPS) {
        const [a, b] = [med('a', step), med('b', step)];
        if (a === null && b === null) continue;
        console.log(`| ${step} | ${a?.toFixed(1) ?? '–'} | ${b?.toFixed(1) ?? '–'} | ${a !== null && b !== null ? (b - a).toFixed(1) : '–'} |`);
      }
      for (const [label, from, to] of [
        ['fetched → built (fromData)', 'fetched', 'built'],
        ['load → answer (what the library does)', 'load', 'answer'],
      ]) {
        const [a, b] = [gap('a', from, to), gap('b', from, to)];
        console.log(`| ${label} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b - a).toFixed(1)} |`);
      }
      // Each round loads A and B one after the other: the median of the rounds' differences
      // is steadier than the difference of medians when the machine drifts during the run; the
      // rounds B came first and the sign test's p say whether the difference is more than noise.
      const span = (build, from, to) => loads[kind][build].map((l) => l[to] - l[from]);
      const rounds = (from, to) => {
        const x = paired(span('b', from, to), span('a', from, to));
        return `${x.median.toFixed(1)} ms (B first in ${x.wins} of ${x.rounds}, sign test p ${x.p.toFixed(3)})`;
      };
      console.log(`\nmedian of the rounds' B − A: load → answer ${rounds('load', 'answer')}, navigation → answer ${rounds('start', 'answer')}, navigation → answer painted ${rounds('start', 'painted')}`);
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
