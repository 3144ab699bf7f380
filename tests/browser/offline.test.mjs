// The offline page: after one visit it answers with the server gone and the network off; a new
// deploy is installed atomically (never old wasm with new data) and the page says which data
// version it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import vm from 'node:vm';
import crypto from 'node:crypto';
import { WWW as WWW_DIR, launch, watchProblems, widgetReady, typeQuestion, statusText, copyOfWww, writeManifest, cleanup, requireBuild, planLookup } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

let browser;
before(async () => {
  requireBuild();
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the page and waits until the service worker controls it and its cache is complete. */
async function firstVisit(context, url) {
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(url);
  assert.equal(await widgetReady(page), 'ready');
  await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'yes' && navigator.serviceWorker.controller);
  return { page, problems };
}

const shownVersion = (page) => page.evaluate(() => document.documentElement.dataset.dataVersion);
const header = (file) => fs.readFileSync(file).subarray(12, 16).readUInt32LE(0).toString(16).padStart(8, '0');

test('after one visit the page answers with the server stopped and the network off', async () => {
  const dir = copyOfWww();
  const server = await startServer({ root: dir });
  const context = await browser.newContext();
  try {
    const { page, problems } = await firstVisit(context, server.url);
    assert.equal(await shownVersion(page), header(path.join(dir, 'data/plans.bin')));
    await server.close();
    await context.setOffline(true);
    await page.reload();
    assert.equal(await widgetReady(page), 'ready');
    await typeQuestion(page, '区司法局牵头哪些任务');
    assert.match(await statusText(page), /找到 \d+ 条任务/);
    await page.evaluate(() => document.querySelector('plan-lookup').rendered);
    assert.ok((await page.locator('plan-lookup article').count()) > 50);
    assert.match(await page.locator('#data-version').textContent(), new RegExp(header(path.join(dir, 'data/plans.bin'))));
    // A shared link with its question opens offline too.
    await page.goto(server.url + '?q=' + encodeURIComponent('营商环境'));
    assert.equal(await widgetReady(page), 'ready');
    await page.locator('plan-lookup mark').first().waitFor();
    assert.deepEqual(problems.filter((p) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(p)), []);
  } finally {
    await context.close();
    await server.close();
    cleanup(dir);
  }
});

test('a new data file replaces the cached one atomically, and the page says which version it shows', async () => {
  const dir = copyOfWww();
  const server = await startServer({ root: dir });
  const context = await browser.newContext();
  try {
    const { page } = await firstVisit(context, server.url);
    const oldVersion = await shownVersion(page);

    // Deploy B: the same plans plus one more (a data file and its bundle made with the wasm API
    // itself, as the builder page makes them), the old bundle's .gz removed (部署说明.md).
    const plan = '新增区法治政府建设方案\n一、重点任务\n1.建设智慧普法平台。推进普法数字化。（牵头单位：区大数据中心）\n';
    const [bytes, bundle] = await page.evaluate(async (plan) => {
      const { PlanLookup } = await import('./plan-lookup.js');
      const l = await PlanLookup.load('data/plans.bin');
      await l.addDocument('new.txt', plan);
      return [Array.from(await l.exportData()), Array.from(await l.exportBundle())];
    }, plan);
    fs.writeFileSync(path.join(dir, 'data/plans.bin'), Buffer.from(bytes));
    fs.writeFileSync(path.join(dir, 'data/plans.wasm'), Buffer.from(bundle));
    fs.rmSync(path.join(dir, 'data/plans.wasm.gz'), { force: true });
    writeManifest(dir);
    const newVersion = header(path.join(dir, 'data/plans.bin'));
    assert.notEqual(newVersion, oldVersion);

    // Reload: the old worker still serves the whole old build (old data, old everything) while
    // the new build installs; then the page offers the update.
    await page.reload();
    assert.equal(await widgetReady(page), 'ready');
    assert.equal(await shownVersion(page), oldVersion);
    await page.waitForFunction((v) => document.documentElement.dataset.updateReady === v, newVersion);
    const banner = page.locator('#update');
    assert.ok(await banner.isVisible());
    assert.match(await banner.textContent(), new RegExp(newVersion));
    assert.equal(await page.evaluate(() => document.querySelector('plan-lookup').lookup.ask('区大数据中心牵头哪些任务').results.length), 0);

    // Accept: the page reloads on the new build.
    await Promise.all([page.waitForEvent('load'), page.locator('#update-button').click()]);
    assert.equal(await widgetReady(page), 'ready');
    assert.equal(await shownVersion(page), newVersion);

    // And the new build is what works offline; only one build's cache is kept.
    await server.close();
    await context.setOffline(true);
    await page.reload();
    assert.equal(await widgetReady(page), 'ready');
    assert.equal(await shownVersion(page), newVersion);
    await typeQuestion(page, '区大数据中心牵头哪些任务');
    assert.equal(await page.locator('plan-lookup article').count(), 1);
    const caches = await page.evaluate(() => caches.keys());
    // One build's cache (the runtime caches of shards and of the everyday words are no build's).
    assert.equal(caches.filter((c) => c.startsWith('plan-lookup-') && !/^plan-lookup-(shards|terms)$/.test(c)).length, 1, caches.join(','));
  } finally {
    await context.close();
    await server.close();
    cleanup(dir);
  }
});

test('the page loads its bundle; a bundle holding other data than data/plans.bin, or none at all, gives way to the data file, and the page says so', async () => {
  const dir = copyOfWww();
  const server = await startServer({ root: dir });
  const QUESTION = '区大数据中心牵头哪些任务';
  const footer = (page) => page.locator('plan-lookup footer').textContent();
  /** A fresh visit with QUESTION in the URL: the requests made, and the page. */
  const visit = async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(server.url + '?q=' + encodeURIComponent(QUESTION));
    assert.equal(await widgetReady(page), 'ready');
    return { context, page, requests };
  };
  try {
    // As built: the bundle answers; its check reads the data file's header, finds the same data
    // and says nothing.
    let { context, page, requests } = await visit();
    await page.waitForFunction(() => performance.getEntriesByName(new URL('data/plans.bin', location.href).href).length === 1);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    assert.ok(requests.includes('/data/plans.wasm'), requests.join(' '));
    assert.doesNotMatch(await footer(page), /已改用/);
    assert.match(await statusText(page), /没有找到任务/);
    const built = await shownVersion(page);
    await context.close();

    // A new data file deployed alone (the bundle not rebuilt): the page first answers from the
    // bundle (nothing), then from the data file (the new plan's measure), and says why.
    ({ context, page } = await visit());
    const bytes = await page.evaluate(async () => {
      const { PlanLookup } = await import('./plan-lookup.js');
      const l = await PlanLookup.load('data/plans.bin');
      await l.addDocument('new.txt', '新增区法治政府建设方案\n一、重点任务\n1.建设智慧普法平台。推进普法数字化。（牵头单位：区大数据中心）\n');
      return Array.from(await l.exportData());
    });
    await context.close();
    fs.writeFileSync(path.join(dir, 'data/plans.bin'), Buffer.from(bytes));
    const newVersion = header(path.join(dir, 'data/plans.bin'));
    assert.notEqual(newVersion, built);
    ({ context, page } = await visit());
    await page.locator('plan-lookup footer', { hasText: '已改用数据文件' }).waitFor();
    assert.match(await footer(page), /快速加载包（plans\.wasm）中的数据与数据文件不一致/);
    await page.waitForFunction((v) => document.documentElement.dataset.dataVersion === v, newVersion);
    assert.match(await statusText(page), /找到 1 条任务/);
    await context.close();

    // No bundle at all (removed, or never made): the data file is loaded instead, at once.
    fs.rmSync(path.join(dir, 'data/plans.wasm'));
    fs.rmSync(path.join(dir, 'data/plans.wasm.gz'), { force: true });
    ({ context, page } = await visit());
    assert.match(await statusText(page), /找到 1 条任务/);
    assert.match(await footer(page), /快速加载包（plans\.wasm）未能加载，已改用数据文件/);
    assert.equal(await shownVersion(page), newVersion);
    await context.close();
  } finally {
    await server.close();
    cleanup(dir);
  }
});

test('a half-deployed build (list updated, data file not) is never installed', async () => {
  const dir = copyOfWww();
  const server = await startServer({ root: dir });
  const context = await browser.newContext();
  try {
    const { page } = await firstVisit(context, server.url);
    const oldVersion = await shownVersion(page);
    const bin = path.join(dir, 'data/plans.bin');
    const original = fs.readFileSync(bin);
    // The list is written for a new data file, but the server still has the old one.
    const changed = Buffer.from(original);
    changed[changed.length - 1] ^= 1;
    fs.writeFileSync(bin, changed);
    writeManifest(dir);
    fs.writeFileSync(bin, original);

    await page.reload();
    assert.equal(await widgetReady(page), 'ready');
    // Wait for the new worker's install attempt to finish (it fails: hash mismatch).
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg.update().catch(() => {});
      const w = reg.installing;
      if (w) await new Promise((r) => w.addEventListener('statechange', () => w.state === 'redundant' || w.state === 'installed' ? r() : 0));
    });
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: !!reg.waiting, installing: !!reg.installing };
    });
    assert.deepEqual(state, { waiting: false, installing: false });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.updateReady), undefined);

    await server.close();
    await context.setOffline(true);
    await page.reload();
    assert.equal(await widgetReady(page), 'ready');
    assert.equal(await shownVersion(page), oldVersion);
  } finally {
    await context.close();
    await server.close();
    cleanup(dir);
  }
});

test('a sharded deploy works offline for every place fetched while online, and says so for the others', async () => {
  const dir = copyOfWww();
  planLookup('build', '--shards', path.join(dir, 'data/shards'));
  const index = path.join(dir, 'index.html');
  fs.writeFileSync(
    index,
    fs.readFileSync(index, 'utf8').replace('<plan-lookup id="lookup" src="data/plans.wasm" verify="data/plans.bin"', '<plan-lookup id="lookup" src="data/shards/manifest.bin" place="资阳区"'),
  );
  assert.match(fs.readFileSync(index, 'utf8'), /manifest\.bin/, 'the page now opens the sharded build');
  writeManifest(dir);
  const server = await startServer({ root: dir });
  const context = await browser.newContext();
  try {
    const { page, problems } = await firstVisit(context, server.url);
    // Controlled from now on: the shards fetched go through the service worker's shard cache.
    await page.reload();
    assert.equal(await widgetReady(page), 'ready');
    await typeQuestion(page, '下陆区司法局牵头哪些任务');
    await page.waitForFunction(() => document.querySelector('plan-lookup').lookup.places().filter((p) => p.loaded).length === 2);
    const cached = await page.evaluate(async () => {
      const names = [];
      for (const key of await caches.keys()) {
        if (!key.endsWith('shards')) continue;
        for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname.split('/').pop());
      }
      return names;
    });
    assert.equal(cached.length, 2, cached.join(' '));

    await server.close();
    await context.setOffline(true);
    await page.reload();
    assert.equal(await widgetReady(page), 'ready');
    for (const q of ['资阳区司法局牵头哪些任务', '下陆区司法局牵头哪些任务']) {
      await typeQuestion(page, q);
      await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.results.length > 5);
    }
    // A place never fetched: the widget says it cannot load it, and keeps answering the others.
    await typeQuestion(page, '吉首市司法局牵头哪些任务');
    await page.locator('plan-lookup [role="alert"]').filter({ hasText: '无法加载该地区的数据' }).waitFor();
    await typeQuestion(page, '资阳区司法局牵头哪些任务');
    await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.results.length > 5);
    assert.deepEqual(problems.filter((p) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p)), []);
  } finally {
    await context.close();
    await server.close();
    cleanup(dir);
  }
});

test('the service worker reads the shard listing as plan-lookup writes it (it caches and prunes shards by it)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-shards-'));
  try {
    planLookup('build', '--shards', dir);
    // sw.js as a classic script, with the worker globals it touches at load time stubbed.
    const sandbox = {
      importScripts() {},
      self: { PLAN_LOOKUP_BUILD: { id: 'test', files: [] }, registration: { scope: 'http://localhost/' }, addEventListener() {} },
      URL,
    };
    vm.runInNewContext(fs.readFileSync(path.join(WWW_DIR, 'sw.js'), 'utf8'), sandbox);
    const listing = JSON.parse(fs.readFileSync(path.join(dir, 'shards.json'), 'utf8'));
    const base = 'http://localhost/data/shards/';
    const urls = sandbox.shardUrls(listing, base + 'shards.json');
    // Shards and unit summary files, both cached by the worker.
    const onDisk = fs.readdirSync(dir).filter((f) => /^(p\d+|u\d+)-[0-9a-f]{8}\.bin$/.test(f)).sort();
    assert.equal(onDisk.filter((f) => f.startsWith('p')).length, 5);
    assert.ok(onDisk.some((f) => f.startsWith('u')));
    assert.deepEqual([...urls.keys()].sort(), onDisk.map((f) => base + f));
    for (const f of onDisk) {
      const bytes = fs.readFileSync(path.join(dir, f));
      assert.deepEqual({ ...urls.get(base + f) }, { bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') }, f);
    }
    assert.equal(listing.version, header(path.join(dir, 'manifest.bin')), 'the listing is of this manifest');
  } finally {
    cleanup(dir);
  }
});
