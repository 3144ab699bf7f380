// Everyday words (data/terms.txt): the file's reader in JS (www/terms.js) against the CLI's
// (src/query/everyday.rs, same cases and sentences), and the widget reading questions with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowserAndServer, watchProblems, widgetReady, typeQuestion, statusText, ROOT, copyOfWww, cleanup } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { parseTerms } from '../../www/terms.js';

const env = useBrowserAndServer();

test('the JS reader reads lines as the CLI does, and says which lines it skipped', () => {
  // The case of everyday.rs's lines_are_read_and_bad_ones_reported_not_fatal.
  const r = parseTerms('\ufeff# 注释\n\n信访：上访 越级上访、来信来访\n法律援助:免费律师 上访\n没有冒号的一行\n 两 字：俗称\n空的：\n');
  assert.deepEqual([r.terms, r.words], [2, 4]);
  assert.deepEqual(r.problems, [
    '第 4 行的“上访”已经是“信访”的俗称，没有再算作“法律援助”。',
    '第 5 行没有冒号：应写成“方案用语：俗称1 俗称2”。',
    '第 6 行冒号前应是方案里的一个用语（不含空格，最多 30 个字），现在是“两 字”。',
    '第 7 行“空的”后面没有可用的俗称。',
  ]);
  assert.equal(r.flat, '信访\t上访\t越级上访\t来信来访\n法律援助\t免费律师');
  // Words go to the module folded as questions are (ＫＴＶ, KTV → ktv).
  assert.equal(parseTerms('文化市场：ＫＴＶ App').flat, '文化市场\tktv\tapp');
  // A term's second line adds to it; a word twice in one line is kept once.
  assert.equal(parseTerms('信访：上访\n信访：上访 找政府 找政府').flat, '信访\t上访\t找政府');
  // The shipped file reads whole.
  const shipped = parseTerms(fs.readFileSync(path.join(ROOT, 'data/terms.txt'), 'utf8'));
  assert.deepEqual(shipped.problems, []);
  assert.ok(shipped.terms > 100, String(shipped.terms));
});

/** The offline page with `query`, its requests, and what it reports. */
async function open(url) {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = watchProblems(page);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(url);
  assert.equal(await widgetReady(page), 'ready');
  return { context, page, problems, requests };
}

/** The widget's answer once it has results (a question from the URL asked again). */
async function answerWithResults(page) {
  await page.waitForFunction(() => {
    const a = document.querySelector('plan-lookup').answer;
    return a && a.results.length > 0;
  });
  return page.evaluate(() => document.querySelector('plan-lookup').answer);
}

test('an everyday word finds the plan term once the words are in, and the answer says so', async () => {
  const { context, page, problems, requests } = await open(`${env.server.url}?q=${encodeURIComponent('老百姓上访的事情是哪个部门牵头')}`);
  // Asked from the URL before the words were read, the question is answered again with them.
  const a = await answerWithResults(page);
  assert.equal(a.topic, '信访');
  assert.match(a.message, /按“信访”回答/);
  assert.equal(await page.locator('plan-lookup p', { hasText: '没有找到“老百姓上访”，按“信访”回答' }).count(), 1);
  assert.ok(requests.includes('/data/terms.txt') && requests.includes('/terms.js'), requests.join(' '));
  // A typed one, with the words already in: answered at once.
  await typeQuestion(page, '红头文件由谁牵头');
  assert.match(await statusText(page), /找到 \d+ 条任务/);
  assert.equal(await page.evaluate(() => document.querySelector('plan-lookup').answer.topic), '规范性文件');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a page without the terms attribute reads the plans’ words only; a broken file is skipped with a warning', async () => {
  const dir = copyOfWww();
  try {
    const index = path.join(dir, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(' terms="data/terms.txt"', ''));
    fs.writeFileSync(path.join(dir, 'embed-example.html'), fs.readFileSync(path.join(dir, 'embed-example.html'), 'utf8').replace('data/terms.txt', 'data/missing-terms.txt'));
    const server = await startServer({ root: dir });
    try {
      // No attribute: the file is never fetched, and the everyday word finds nothing (said).
      let { context, page, problems, requests } = await open(`${server.url}?q=${encodeURIComponent('上访谁牵头')}`);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
      assert.equal((await page.evaluate(() => document.querySelector('plan-lookup').answer)).results.length, 0);
      assert.ok(!requests.includes('/data/terms.txt'), requests.join(' '));
      assert.deepEqual(problems, []);
      // Given by the API instead: its skipped line is reported, the rest used.
      const report = await page.evaluate(() => document.querySelector('plan-lookup').lookup.setEverydayTerms('信访：上访\n这一行没有冒号\n'));
      assert.deepEqual(report, { terms: 1, words: 1, problems: ['第 2 行没有冒号：应写成“方案用语：俗称1 俗称2”。'] });
      assert.equal(await page.evaluate(() => document.querySelector('plan-lookup').lookup.ask('上访谁牵头').topic), '信访');
      await context.close();

      // A file that is not there: a console warning, the answer stands, nothing thrown.
      context = await env.browser.newContext({ serviceWorkers: 'block' });
      page = await context.newPage();
      const warnings = [];
      const errors = [];
      page.on('console', (m) => (m.type() === 'warning' ? warnings : errors).push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}embed-example.html`);
      assert.equal(await widgetReady(page), 'ready');
      await typeQuestion(page, '上访谁牵头');
      await page.waitForFunction(() => document.querySelector('plan-lookup')._terms?.settled);
      assert.ok(warnings.some((w) => /everyday words could not be read/.test(w)), warnings.join(' | '));
      assert.ok(errors.every((e) => /Failed to load resource/.test(e)), errors.join(' | '));
      assert.equal((await page.evaluate(() => document.querySelector('plan-lookup').answer)).results.length, 0);
      await context.close();
    } finally {
      await server.close();
    }
  } finally {
    cleanup(dir);
  }
});

test('an input-method slip is read by its sound once the pinyin table is in, and the answer says so', async () => {
  // Asked from the URL before the table was read: 正能亮 finds nothing, then is asked again.
  const { context, page, problems, requests } = await open(`${env.server.url}?q=${encodeURIComponent('正能亮这事是谁牵头的')}`);
  const a = await answerWithResults(page);
  assert.equal(a.topic, '正能量');
  assert.match(a.message, /没有找到“正能亮”，按“正能量”回答/);
  assert.ok(requests.includes('/pkg/pinyin.txt'), requests.join(' '));
  // The API: loadPinyin() with the default URL next to plan-lookup.js.
  const topic = await page.evaluate(async () => {
    const { PlanLookup } = await import('/plan-lookup.js');
    const lookup = await PlanLookup.load('/data/plans.bin');
    const before = lookup.ask('12月4号那个宪法宣传州谁牵头').results.length;
    await lookup.loadPinyin();
    return [before, lookup.ask('12月4号那个宪法宣传州谁牵头').topic];
  });
  assert.deepEqual(topic, [0, '宪法宣传周']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a page whose pinyin table is missing warns and reads slips as before', async () => {
  const dir = copyOfWww();
  try {
    fs.rmSync(path.join(dir, 'pkg/pinyin.txt'));
    const server = await startServer({ root: dir });
    try {
      const context = await env.browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const warnings = [];
      const errors = [];
      page.on('console', (m) => (m.type() === 'warning' ? warnings : errors).push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      const warned = page.waitForEvent('console', (m) => /pinyin table could not be read/.test(m.text()));
      await page.goto(`${server.url}?q=${encodeURIComponent('正能亮这事是谁牵头的')}`);
      assert.equal(await widgetReady(page), 'ready');
      await warned;
      assert.ok(errors.every((e) => /Failed to load resource/.test(e)), errors.join(' | '));
      // The everyday words still came in; the slip stays as typed, and the answer says nothing has it.
      const a = await page.evaluate(() => document.querySelector('plan-lookup').answer);
      assert.equal(a.results.length, 0);
      assert.equal(a.topic, '正能亮');
      await context.close();
    } finally {
      await server.close();
    }
  } finally {
    cleanup(dir);
  }
});
