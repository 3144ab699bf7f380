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
import { useBrowserAndServer, watchProblems, planLookup, widgetReady, typeQuestion, axe, copyOfWww, cleanup } from './helpers.mjs';
import { PLANS, exportLines, chooseFiles, downloadFrom, builderFlow } from './builder-flow.mjs';
import { startServer } from '../../scripts/serve.mjs';

const env = useBrowserAndServer({
  prepare(dir) {
    fs.writeFileSync(
      path.join(dir, 'built.html'),
      '<!doctype html><meta charset="utf-8"><title>built</title><link rel="icon" href="icons/icon.svg">' +
        '<script type="module" src="plan-lookup-widget.js"></script><plan-lookup src="data/built.bin" url-param=""></plan-lookup>',
    );
    fs.writeFileSync(
      path.join(dir, 'built-bundle.html'),
      '<!doctype html><meta charset="utf-8"><title>built</title><link rel="icon" href="icons/icon.svg">' +
        '<script type="module" src="plan-lookup-widget.js"></script><plan-lookup src="data/built.wasm" url-param=""></plan-lookup>',
    );
  },
});

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

  // The bundle (快速加载包): this folder's query module with the same data inside; the CLI
  // reads the same measures from it.
  const bundle = await downloadFrom(page, '#download-bundle');
  assert.ok(bundle.subarray(0, 4).equals(Buffer.from('\0asm', 'latin1')), 'a WebAssembly module');
  assert.ok(bundle.subarray(0, 8).equals(fs.readFileSync(path.join(env.dir, 'pkg/plan_lookup_query_bg.wasm')).subarray(0, 8)));
  const bundleFile = path.join(tmp, 'plans.wasm');
  fs.writeFileSync(bundleFile, bundle);
  assert.equal(planLookup('export', bundleFile), planLookup('export', cliOut), 'the bundle holds the data file downloaded');

  // The widget, given the downloaded file or the bundle, answers with the edit applied.
  fs.writeFileSync(path.join(env.dir, 'data/built.bin'), data);
  fs.writeFileSync(path.join(env.dir, 'data/built.wasm'), bundle);
  for (const html of ['built.html', 'built-bundle.html']) {
    const embed = await context.newPage();
    await embed.goto(env.server.url + html);
    assert.equal(await widgetReady(embed), 'ready', html);
    await typeQuestion(embed, `${edited.unit}牵头哪些任务`);
    const answer = await embed.evaluate(() => document.querySelector('plan-lookup').answer);
    assert.deepEqual(answer.results.map((r) => r.title), [edited.title], html);
    assert.equal(answer.results[0].role, 'lead');
    await embed.close();
  }
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

test('builder: after one visit it reads plans and downloads the data file with the server stopped and the network off', async () => {
  const dir = copyOfWww();
  const server = await startServer({ root: dir });
  const context = await env.browser.newContext({ acceptDownloads: true });
  try {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url + 'builder.html');
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'yes' && navigator.serviceWorker.controller);
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await chooseFiles(page, [PLANS[1]]);
    assert.equal(await page.locator('tr[data-measure]').count(), exportLines(PLANS[1]).length);
    const data = await downloadFrom(page, '[data-download]');
    assert.equal(data.subarray(0, 4).toString('latin1'), 'PLKP', 'a data file');
    assert.deepEqual(problems.filter((p) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(p)), []);
  } finally {
    await context.close();
    await server.close();
    cleanup(dir);
  }
});
