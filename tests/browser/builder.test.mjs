// The builder page (www/builder.html, 生成数据文件) end to end: plan files in (text, PDF; and
// bad ones), a row per measure, edits made on the page, the data file downloaded, and the widget
// answering from it with the edits applied. `plan-lookup build --edits` with the page's saved
// edits writes the very same bytes, and `plan-lookup export` of the download gives the measures
// the CLI reads from the files themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, useBrowserAndServer, watchProblems, planLookup, widgetReady, typeQuestion, axe } from './helpers.mjs';

const env = useBrowserAndServer({
  prepare(dir) {
    fs.writeFileSync(
      path.join(dir, 'built.html'),
      '<!doctype html><meta charset="utf-8"><title>built</title><link rel="icon" href="icons/icon.svg">' +
        '<script type="module" src="plan-lookup-widget.js"></script><plan-lookup src="data/built.bin" url-param=""></plan-lookup>',
    );
  },
});

/** Two real plans the builder has not been shaped on (tests/corpus), and a PDF rendering. */
export const PLANS = [
  path.join(ROOT, 'tests/corpus/C04_huoshan.txt'),
  path.join(ROOT, 'tests/corpus/D06_liaozhong.txt'),
  path.join(ROOT, 'tests/formats/office/002_5cda63ea9f7dc0ed.pdf'),
];

/** Files the page must refuse, each with its own row, letting the others through. */
const BAD = [
  { name: 'notice.txt', mimeType: 'text/plain', buffer: Buffer.from('关于召开会议的通知\n请各单位准时参加。\n', 'utf8') },
  { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj garbage') },
  { name: 'huge.docx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(21 * 1024 * 1024) },
];

const exportLines = (...args) =>
  planLookup('export', ...args)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** Chooses files on the page's one file input and waits until every one has been read. */
export async function chooseFiles(page, files) {
  assert.equal(await page.locator('input[type=file]').count(), 1, 'one file input');
  assert.equal(await page.locator('input[type=file]').getAttribute('multiple'), '');
  const asBuffers = files.map((f) => (typeof f === 'string' ? { name: path.basename(f), mimeType: 'application/octet-stream', buffer: fs.readFileSync(f) } : f));
  await page.locator('input[type=file]').setInputFiles(asBuffers);
  await page.waitForSelector('body[data-ready]');
}

/** Clicks a control that downloads a file; returns the file's bytes. */
export async function downloadFrom(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return fs.readFileSync(await download.path());
}

/**
 * The builder flow on `page` (already at builder.html): files in, rows checked against the CLI,
 * one measure's units changed and another dropped, edits saved, data file downloaded. Returns
 * {data, edits, edited: {title, unit}} for the caller's checks.
 */
export async function builderFlow(page, tmp) {
  await chooseFiles(page, [...PLANS, ...BAD]);
  // Every measure of every plan is a row, in the CLI's order, and the bad files say why.
  for (const [d, file] of PLANS.entries()) {
    const want = exportLines(file).map((m) => m.title);
    const got = await page.locator(`tr[data-measure^="${d}-"] td:nth-child(2)`).evaluateAll((tds) => tds.map((td) => td.firstChild.textContent));
    assert.deepEqual(got, want, path.basename(file));
  }
  const refused = await page.locator('li.doc.error').evaluateAll((lis) => lis.map((li) => li.textContent));
  assert.equal(refused.length, 3, refused.join('\n'));
  assert.match(refused[0], /notice\.txt.*没有找到任务/s);
  assert.match(refused[1], /broken\.pdf.*无法读取此文件/s);
  assert.match(refused[2], /huge\.docx.*文件过大/s);

  // Downloaded before any edit: exactly the measures the CLI exports from the files.
  const plain = path.join(tmp, 'plain.bin');
  fs.writeFileSync(plain, await downloadFrom(page, '[data-download]'));
  assert.deepEqual(exportLines(plain), exportLines(...PLANS));

  // Change the units of the first measure of the first plan, drop its second.
  const first = page.locator('tr[data-measure="0-0"]');
  const title = await first.locator('td:nth-child(2)').evaluate((td) => td.firstChild.textContent);
  await first.getByRole('button', { name: /^改单位/ }).click();
  await page.locator('#edit-lead').fill('霍山县测试联络办、 霍山县司法局');
  await page.locator('#edit-support').fill('');
  await page.locator('#edit-dialog button[value=save]').click();
  await page.waitForSelector('tr[data-measure="0-0"].edited');
  await page.locator('tr[data-measure="0-1"]').getByRole('button', { name: /^删除/ }).click();
  await page.waitForSelector('tr[data-measure="0-1"].dropped');
  assert.equal(await page.locator('tr[data-measure="0-0"] td:nth-child(3)').textContent(), '霍山县测试联络办、霍山县司法局');

  const edits = JSON.parse((await downloadFrom(page, '#save-edits')).toString('utf8'));
  const data = await downloadFrom(page, '[data-download]');
  return { data, edits, edited: { title, unit: '霍山县测试联络办' } };
}

test('builder: files in, rows, an edit, download; the widget answers from the file; the CLI agrees', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-builder-'));
  const context = await env.browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + 'builder.html');
  const { data, edits, edited } = await builderFlow(page, tmp);

  // The saved edits say which document, which measure, what changed.
  const doc = edits.documents['C04_huoshan.txt'];
  assert.equal(edits.format, 'plan-lookup-edits');
  assert.deepEqual(doc.measures[0].lead, ['霍山县测试联络办', '霍山县司法局']);
  assert.equal(doc.measures[0].measure.title, edited.title);
  assert.equal(doc.measures[1].drop, true);

  // `plan-lookup build --edits` of the same files writes the very same bytes.
  const editsFile = path.join(tmp, 'edits.json');
  fs.writeFileSync(editsFile, JSON.stringify(edits));
  const cliOut = path.join(tmp, 'cli.bin');
  planLookup('build', '--edits', editsFile, '-o', cliOut, ...PLANS);
  assert.ok(Buffer.compare(fs.readFileSync(cliOut), data) === 0, 'the page and the CLI write the same data file');

  // The widget, given the downloaded file, answers with the edit applied.
  fs.writeFileSync(path.join(env.dir, 'data/built.bin'), data);
  const embed = await context.newPage();
  await embed.goto(env.server.url + 'built.html');
  assert.equal(await widgetReady(embed), 'ready');
  await typeQuestion(embed, `${edited.unit}牵头哪些任务`);
  const answer = await embed.evaluate(() => document.querySelector('plan-lookup').answer);
  assert.deepEqual(answer.results.map((r) => r.title), [edited.title]);
  assert.equal(answer.results[0].role, 'lead');
  // The live preview on the builder page answers from the same data.
  const preview = await page.evaluate(async () => {
    const w = document.querySelector('#preview plan-lookup');
    return w.ask('霍山县测试联络办牵头哪些任务').results.length;
  });
  assert.equal(preview, 1);
  assert.deepEqual(problems, []);
  await context.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('builder: an edits file loaded again restores the corrections; keyboard only; axe clean at 320 px and in 长者模式', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block', viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + 'builder.html');
  assert.deepEqual(await axe(page), [], 'before any file');
  const edits = {
    format: 'plan-lookup-edits',
    version: 1,
    documents: { 'C04_huoshan.txt': { place: '霍山县', plans: [] } },
  };
  await chooseFiles(page, [PLANS[0], { name: 'edits.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edits)) }]);
  const places = await page.locator('li.doc[data-file="C04_huoshan.txt"]').textContent();
  assert.match(places, /地区：霍山县/);
  assert.deepEqual(await axe(page), [], 'a document read, the review table');
  // Keyboard only: tab to the first row's 改单位, open it with Enter, type, save with Enter.
  await page.locator('tr[data-measure="0-0"] button').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('#edit-dialog[open]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'edit-lead');
  await page.keyboard.type('霍山县键盘局');
  await page.keyboard.press('Enter');
  await page.waitForSelector('tr[data-measure="0-0"].edited');
  assert.deepEqual(await axe(page), [], 'after an edit');
  await page.locator('#elder').click();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true);
  assert.deepEqual(await axe(page), [], '长者模式');
  // Nothing wider than the screen but the table, which scrolls in its own region.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 321), 'no page-wide horizontal scroll at 320 px');
  assert.deepEqual(problems, []);
  await context.close();
});
