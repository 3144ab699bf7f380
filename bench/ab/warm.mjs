// Two builds' warm questions, timed in Node on the query module itself (V8 with its optimising
// compiler, as a page runs it once warm): `Lookup.find` for every question of
// bench/peers/queries.json, keyword queries quoted as bench/run asks them. The page's clock is coarsened to 0.1 ms and a warm question takes
// microseconds, so bench/run's warm figures are means over many runs of a noisy page; here each
// question is timed with a nanosecond clock, the builds in turns, round after round. It prints
// each build's median and mean over the questions (of each question's median over the rounds),
// its slowest question, and for how many questions B is faster (sign test).
//
//   node bench/ab/warm.mjs WWW_A WWW_B [ROUNDS]     (bench/ab/warm installs what it needs)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, paired } from '../stats.mjs';
import { abArgs } from './args.mjs';
import { quoted } from '../peers/truth.mjs';

const QUERIES = JSON.parse(fs.readFileSync(new URL('../peers/queries.json', import.meta.url), 'utf8'));
const REPEAT = 50;

/** A lookup over `www`'s data file in `www`'s own query module (each build its own instance). */
async function open(www, tag) {
  const file = (f) => {
    const p = path.join(www, f);
    if (!fs.existsSync(p)) throw new Error(`${p} is missing: run scripts/build-web for ${www}`);
    return p;
  };
  const glue = await import(`${pathToFileURL(file('pkg/plan_lookup_query.js')).href}?${tag}`);
  glue.initSync({ module: new WebAssembly.Module(fs.readFileSync(file('pkg/plan_lookup_query_bg.wasm'))) });
  return glue.Lookup.fromData(new Uint8Array(fs.readFileSync(file('data/plans.bin'))));
}

/** µs per `find(q)`, over REPEAT calls. */
function timeFind(lookup, q) {
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < REPEAT; k++) lookup.find(q);
  return Number(process.hrtime.bigint() - t0) / REPEAT / 1000;
}

async function main() {
  const { wwwA, wwwB, rounds } = abArgs('warm.mjs', 30);
  const lookups = { a: await open(path.resolve(wwwA), 'a'), b: await open(path.resolve(wwwB), 'b') };
  // Keyword queries as bench/run asks them (quoted: exact text), unit questions as they are.
  const questions = [...QUERIES.keyword.map((k) => quoted(k.q)), ...QUERIES.roles.map((r) => r.question)];
  // Warm: every question many times, so V8 has optimised what they run.
  for (const lookup of Object.values(lookups)) for (let i = 0; i < 200; i++) for (const q of questions) lookup.find(q);
  const times = { a: questions.map(() => []), b: questions.map(() => []) };
  for (let i = 0; i < rounds; i++) {
    for (const name of i % 2 ? ['a', 'b'] : ['b', 'a']) questions.forEach((q, j) => times[name][j].push(timeFind(lookups[name], q)));
  }
  const perQuestion = { a: times.a.map(median), b: times.b.map(median) };
  const fmt = (x) => x.toFixed(2);
  console.log(`warm find(), ${questions.length} questions (bench/peers/queries.json), ${rounds} rounds in turns; A = ${wwwA}, B = ${wwwB}; µs`);
  console.log('| build | median over the questions | mean | slowest question |\n| --- | --- | --- | --- |');
  for (const name of ['a', 'b']) {
    const m = perQuestion[name];
    const worst = m.indexOf(Math.max(...m));
    console.log(`| ${name.toUpperCase()} | ${fmt(median(m))} | ${fmt(m.reduce((s, x) => s + x, 0) / m.length)} | ${fmt(m[worst])} (${questions[worst]}) |`);
  }
  const x = paired(perQuestion.b, perQuestion.a);
  console.log(`\nB − A per question: median ${fmt(x.median)} µs; B faster in ${x.wins} of ${x.rounds} questions (sign test p ${x.p.toFixed(3)})`);
}

await main();
