// Two builds' offline page: the main thread's rendering work in the frame that puts the first
// answer on screen (style, layout, pre-paint, paint, layerize, commit), summed from Chromium's
// trace events between the widget's `plan-lookup-answer` event and that frame's commit: what a
// change to the widget's markup or styles does to the answer's frame (ARCHITECTURE.md, "The
// answer is on screen when its frame is"), which bench/ab/run's whole-page timings (±10–30 ms
// on a shared machine) cannot show. Still CPU time on a shared machine: A/A runs of 15 rounds
// here differed by up to 5 ms in total (and the machine's speed drifted 1.5× in a day), so it
// tells effects of ~10 ms and more. The builds load in turns; it prints each one's medians and
// the median of the rounds' B − A.
//
//   node bench/ab/frame.mjs WWW_A WWW_B [ROUNDS]     (bench/ab/frame installs what it needs)
//   QUESTION=行政复议 node bench/ab/frame.mjs …         another first question
import path from 'node:path';
import { launch } from '../../tests/browser/helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { median, paired } from '../stats.mjs';
import { abArgs } from './args.mjs';
import { tracedFirstAnswer } from '../first-answer.mjs';

const QUESTION = process.env.QUESTION || '区司法局牵头哪些任务';
const CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline';
const PARTS = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];

/** One cold load of the offline page at `url`: ms of each part of the answer's frame, and their total. */
async function answerFrame(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const { events } = await tracedFirstAnswer(context, url, CATEGORIES, { untilPainted: true });
    const thread = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
    if (!thread) throw new Error(`no renderer main thread in the trace of ${url}`);
    const main = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
    const answer = main.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'plan-lookup-answer');
    if (!answer) throw new Error(`no plan-lookup-answer event in the trace of ${url}: is it the offline page (index.html)?`);
    const commit = main.find((e) => e.name === 'Commit' && e.ts > answer.ts);
    if (!commit) throw new Error(`no frame after the answer in the trace of ${url}`);
    const ms = Object.fromEntries(PARTS.map((p) => [p, 0]));
    for (const e of main) if (e.ts > answer.ts && e.ts <= commit.ts && e.name in ms) ms[e.name] += e.dur / 1000;
    ms.total = PARTS.reduce((sum, p) => sum + ms[p], 0);
    return ms;
  } finally {
    await context.close();
  }
}

async function main() {
  const { wwwA, wwwB, rounds } = abArgs('frame.mjs', 15);
  const servers = [await startServer({ root: path.resolve(wwwA) }), await startServer({ root: path.resolve(wwwB) })];
  const browser = await launch();
  try {
    const url = (s) => `${s.url}index.html?q=${encodeURIComponent(QUESTION)}`;
    const frames = [[], []];
    // One load of each thrown away (the server's first responses, the browser's first context).
    for (const s of servers) await answerFrame(browser, url(s));
    for (let i = 0; i < rounds; i++) {
      for (const b of i % 2 ? [0, 1] : [1, 0]) frames[b].push(await answerFrame(browser, url(servers[b])));
      process.stderr.write(`\r  round ${i + 1}/${rounds}`);
    }
    process.stderr.write('\n');
    console.log(`A = ${path.resolve(wwwA)}\nB = ${path.resolve(wwwB)}\n${rounds} cold loads of the offline page per build, in turns; question "${QUESTION}"`);
    console.log("\nthe answer's frame on the main thread: median ms (traced)\n| part | A | B | B − A | median of the rounds' B − A | B first (sign test p) |\n| --- | --- | --- | --- | --- | --- |");
    for (const part of [...PARTS, 'total']) {
      const [a, b] = frames.map((f) => median(f.map((x) => x[part])));
      const x = paired(frames[1].map((f) => f[part]), frames[0].map((f) => f[part]));
      console.log(`| ${part} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b - a).toFixed(1)} | ${x.median.toFixed(1)} | ${x.wins} of ${x.rounds} (${x.p.toFixed(3)}) |`);
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
  }
}

main().catch((e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
