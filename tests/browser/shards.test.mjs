// Sharded builds in the browser: <plan-lookup src=".../manifest.bin" place="资阳区"> fetches the
// manifest and that place's shard only, answers exactly as the place's own plan does, fetches
// another place's shard when a question names it, and reports a damaged shard as an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useBrowserAndServer, watchProblems, widgetReady, typeQuestion, planLookup, axe } from './helpers.mjs';

const SEED_ZIYANG = path.join(ROOT, 'data/plans/000_a5641d4319222d19.txt');

const env = useBrowserAndServer({
  prepare(dir) {
    planLookup('build', '--shards', path.join(dir, 'data/shards'));
    fs.writeFileSync(path.join(dir, 'blank.html'), '<!doctype html><meta charset="utf-8"><title>blank</title><link rel="icon" href="icons/icon.svg">');
    fs.writeFileSync(
      path.join(dir, 'shards.html'),
      '<!doctype html><meta charset="utf-8"><title>shards</title><link rel="icon" href="icons/icon.svg">' +
        '<script type="module" src="plan-lookup-widget.js"></script>' +
        '<plan-lookup src="data/shards/manifest.bin" place="资阳区" url-param=""></plan-lookup>',
    );
  },
});

/** The files a page requested whose names end in `ext`, by file name. */
function watchFiles(page, ext) {
  const names = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name.endsWith(ext)) names.push(name);
  });
  return names;
}
const watchBins = (page) => watchFiles(page, '.bin');

const places = (page) => page.evaluate(() => document.querySelector('plan-lookup').lookup.places());

test('a county portal fetches only its own place and answers as its own plan does', async () => {
  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  const bins = watchBins(page);
  const wasm = watchFiles(page, '.wasm');
  await page.goto(env.server.url + 'shards.html');
  assert.equal(await widgetReady(page), 'ready');
  // The sharded-build module, fetched with the manifest; not the query module as well.
  assert.deepEqual(wasm, ['plan_lookup_sharded_bg.wasm']);
  const list = await places(page);
  assert.deepEqual(list.map((p) => p.name), ['资阳区', '吉首市', '宁远县', '襄州区', '下陆区']);
  const own = list.find((p) => p.name === '资阳区');
  assert.ok(own.loaded && list.filter((p) => p.loaded).length === 1);
  assert.deepEqual(bins.sort(), ['manifest.bin', own.file].sort(), 'manifest and one shard, nothing else');
  assert.ok(fs.existsSync(path.join(env.dir, 'data/shards', own.file)));

  const expected = JSON.parse(planLookup('ask', '--json', '区司法局牵头哪些任务', SEED_ZIYANG));
  await typeQuestion(page, '区司法局牵头哪些任务');
  await page.locator('plan-lookup article').first().waitFor();
  const answer = await page.evaluate(() => document.querySelector('plan-lookup').answer);
  assert.ok(expected.results.length > 5);
  assert.deepEqual(
    answer.results.map((r) => [r.jurisdiction, r.title, r.role]),
    expected.results.map((r) => [r.jurisdiction, r.title, r.role]),
  );
  const info = await page.evaluate(() => document.querySelector('plan-lookup').lookup.info());
  assert.equal(info.sharded, true);
  assert.equal(info.places, 5);
  assert.equal(info.loadedPlaces, 1);
  assert.equal(info.measures, 112);
  assert.match(info.dataVersion, /^[0-9a-f]{8}$/);

  // A question naming another place fetches that place's shard, and only it.
  await typeQuestion(page, '下陆区人社局参与哪些工作');
  await page.waitForFunction(() => {
    const a = document.querySelector('plan-lookup').answer;
    return a && a.results.length > 0 && a.results.every((r) => r.jurisdiction === '下陆区');
  });
  const xialu = list.find((p) => p.name === '下陆区');
  // Shards: only the two places'. (The unit question above also read one small unit summary
  // file, for the counts in every place.)
  assert.deepEqual(bins.filter((b) => !/^u\d+-/.test(b)).sort(), ['manifest.bin', own.file, xialu.file].sort());
  assert.ok(bins.filter((b) => /^u\d+-/.test(b)).length <= 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the JS API loads places on demand and rejects unknown places and damaged shards clearly', async () => {
  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + 'shards.html');
  assert.equal(await widgetReady(page), 'ready');
  const list = await places(page);
  const jishou = list.find((p) => p.name === '吉首市');
  // A shard of the current format (FORMAT_VERSION 5 in src/store/) cut short.
  await page.route('**/' + jishou.file, (route) =>
    route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from('PLKP\x05\x00\x00\x00\xff\xff\x00\x00abcd') }),
  );
  const result = await page.evaluate(async () => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const out = {};
    const lookup = await PlanLookup.load('data/shards/manifest.bin', { place: '宁远县|襄州区' });
    out.loaded = lookup.places().filter((p) => p.loaded).map((p) => p.name);
    const a = await lookup.askAsync('宁远县司法局牵头哪些任务');
    out.answered = a.results.length > 0 && a.results.every((r) => r.jurisdiction === '宁远县');
    for (const [key, fn] of [
      ['unknown', () => PlanLookup.load('data/shards/manifest.bin', { place: '不存在县' })],
      ['damaged', () => lookup.loadPlaces('吉首市')],
    ]) {
      try {
        await fn();
        out[key] = 'no error';
      } catch (e) {
        out[key] = { code: e.code, message: e.message, reason: e.reason };
      }
    }
    out.after = lookup.places().filter((p) => p.loaded).map((p) => p.name);
    return out;
  });
  assert.deepEqual(result.loaded, ['宁远县', '襄州区']);
  assert.equal(result.answered, true);
  assert.equal(result.unknown.code, 'input');
  assert.match(result.unknown.message, /不存在县.*5 places/);
  assert.equal(result.damaged.code, 'data');
  assert.equal(result.damaged.reason, 'truncated');
  assert.equal(result.unknown.reason, null);
  assert.match(result.damaged.message, new RegExp(`shard ${jishou.file}: the data file is truncated`));
  assert.deepEqual(result.after, ['宁远县', '襄州区'], 'a damaged shard is not half-added');
  assert.deepEqual(problems.filter((p) => !/Failed to load resource/.test(p)), []);
  await page.close();
});

test("a unit question naming no place shows every place's counts from the unit summaries, and 查看 loads a place", async () => {
  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  const bins = watchBins(page);
  await page.goto(env.server.url + 'shards.html');
  assert.equal(await widgetReady(page), 'ready');
  await typeQuestion(page, '区司法局牵头哪些任务');
  await page.locator('plan-lookup .across table').first().waitFor();
  const rows = await page.locator('plan-lookup .across tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.ok(rows.length >= 2, JSON.stringify(rows));
  assert.deepEqual(await axe(page, 'plan-lookup'), [], 'the panel is accessible');
  // Each place's 牵头 count is what the CLI answers for the question asked in that place.
  for (const [place, lead] of rows) {
    const a = JSON.parse(planLookup('ask', '--json', `${place}区司法局牵头哪些任务`));
    const named = a.results.filter((r) => r.role === 'lead' || r.role === 'responsible_first').length;
    assert.equal(Number(lead), named, place);
  }
  // No shard but the county's own was fetched for it.
  assert.equal(bins.filter((b) => /^p\d+-/.test(b)).length, 1, bins.join(' '));
  // 查看 asks in that place, which loads its shard.
  const other = rows.find(([place]) => place !== '资阳区')[0];
  await page.locator('plan-lookup .across').getByRole('button', { name: `查看${other}区司法局的任务` }).click();
  await page.waitForFunction((other) => {
    const a = document.querySelector('plan-lookup').answer;
    return a && a.results.length > 0 && a.results.every((r) => r.jurisdiction === other);
  }, other);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a manifest under another name still opens (the module follows the file); sharded: true fetches the right module up front', async () => {
  fs.copyFileSync(path.join(env.dir, 'data/shards/manifest.bin'), path.join(env.dir, 'data/shards/province.bin'));
  const runs = {};
  for (const [key, options] of [
    ['guessed', {}],
    ['told', { sharded: true }],
  ]) {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const wasm = watchFiles(page, '.wasm');
    await page.goto(env.server.url + 'blank.html');
    const r = await page.evaluate(async (options) => {
      const { PlanLookup } = await import('./plan-lookup.js');
      const lookup = await PlanLookup.load('data/shards/province.bin', { place: '下陆区', ...options });
      const answer = lookup.ask('区人社局负责什么');
      return { sharded: lookup.sharded, loaded: lookup.places().filter((p) => p.loaded).map((p) => p.name), places: new Set(answer.results.map((x) => x.jurisdiction)).size, n: answer.results.length };
    }, options);
    runs[key] = { ...r, wasm, problems };
    await context.close();
  }
  for (const [key, r] of Object.entries(runs)) {
    assert.equal(r.sharded, true, key);
    assert.deepEqual(r.loaded, ['下陆区'], key);
    assert.ok(r.n > 0 && r.places === 1, key);
    assert.deepEqual(r.problems, [], key);
  }
  // Not named manifest.bin: the query module first (the guess), then the sharded-build module.
  assert.deepEqual(runs.guessed.wasm, ['plan_lookup_query_bg.wasm', 'plan_lookup_sharded_bg.wasm']);
  assert.deepEqual(runs.told.wasm, ['plan_lookup_sharded_bg.wasm']);
});
