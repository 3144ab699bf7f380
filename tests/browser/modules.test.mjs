// The two WebAssembly modules: a page that only asks loads the query module (no document
// reader); the first addDocument() fetches the full module and moves the lookup into it, with
// everything loaded so far (a data file, or a manifest and the shards fetched) and the same
// answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useBrowserAndServer, watchProblems, planLookup } from './helpers.mjs';

const SEED_XIALU = fs.readFileSync(path.join(ROOT, 'data/plans/004_7b0fa0002b4ed437.txt'), 'utf8');

const env = useBrowserAndServer({
  prepare(dir) {
    planLookup('build', '--shards', path.join(dir, 'data/shards'));
    // A second bundle, of one plan only (襄州区's 20 measures).
    const module = path.join(dir, 'pkg/plan_lookup_query_bg.wasm');
    planLookup('build', '-o', path.join(dir, 'data/xiangzhou.wasm'), '--module', module, path.join(ROOT, 'data/plans/003_aaf5b79996afd6d0.txt'));
    // Bundles the CLI refuses to write, made by hand: the data after a module that is not the
    // query module (the sharded-build module), and after one that looks like it but imports
    // what this page's glue does not have (as a query module of another release does).
    const data = fs.readFileSync(path.join(dir, 'data/plans.bin'));
    const leb = (n) => (n < 128 ? [n] : [(n & 0x7f) | 0x80, ...leb(n >> 7)]);
    const str = (s) => Buffer.concat([Buffer.from(leb(Buffer.byteLength(s))), Buffer.from(s)]);
    const section = (id, body) => Buffer.concat([Buffer.from([id, ...leb(body.length)]), body]);
    const withData = (module) => Buffer.concat([module, section(0, Buffer.concat([str('plan-lookup-data'), data]))]);
    fs.writeFileSync(path.join(dir, 'data/sharded.wasm'), withData(fs.readFileSync(path.join(dir, 'pkg/plan_lookup_sharded_bg.wasm'))));
    const otherRelease = Buffer.concat([
      Buffer.from('\0asm\x01\0\0\0', 'latin1'),
      section(1, Buffer.from([1, 0x60, 0, 0])),
      section(2, Buffer.concat([Buffer.from([1]), str('./plan_lookup_query_bg.js'), str('__wbg_from_another_release'), Buffer.from([0, 0])])),
      section(3, Buffer.from([1, 0])),
      section(7, Buffer.concat([Buffer.from([1]), str('lookup_fromData'), Buffer.from([0, 1])])),
      section(10, Buffer.from([1, 2, 0, 0x0b])),
    ]);
    fs.writeFileSync(path.join(dir, 'data/other-release.wasm'), withData(otherRelease));
    fs.writeFileSync(path.join(dir, 'blank.html'), '<!doctype html><meta charset="utf-8"><title>blank</title><link rel="icon" href="icons/icon.svg">');
  },
});

/** A fresh page on blank.html and the wasm files it fetches, by file name. */
async function openBlank() {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = watchProblems(page);
  const wasm = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name.endsWith('.wasm')) wasm.push(name);
  });
  await page.goto(env.server.url + 'blank.html');
  return { context, page, problems, wasm };
}

const keys = (answer) => answer.results.map((r) => `${r.doc}#${r.seq}:${r.role}`);

test('asking needs only the query module; the first addDocument moves the lookup into the full module', async () => {
  const { context, page, problems, wasm } = await openBlank();
  const r = await page.evaluate(async (plan) => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const l = await PlanLookup.load('data/plans.bin');
    const before = { answer: l.ask('区司法局牵头哪些任务'), version: l.dataVersion, size: l.size, canAdd: l._inner.canAddDocuments };
    // A single data file in the query module (which has no sharded builds): no places to load.
    const single = { sharded: l.sharded, places: l.places(), units: l.manifestUnits(), loaded: await l.loadPlaces('资阳区') };
    const fetchedBefore = performance.getEntriesByType('resource').map((e) => e.name.split('/').pop());
    // Two calls at once share one switch of modules.
    const [a, b] = await Promise.all([l.addDocument('mine.txt', plan), l.addDocument('mine2.txt', plan)]);
    const info = l.info();
    return {
      before,
      single,
      fetchedBefore,
      added: [a.measures, b.measures, a.source],
      after: { answer: l.ask('区司法局牵头哪些任务'), version: l.dataVersion, size: l.size, canAdd: l._inner.canAddDocuments },
      sources: info.documents.map((d) => d.source),
    };
  }, SEED_XIALU);
  assert.ok(r.fetchedBefore.includes('plan_lookup_query_bg.wasm'), r.fetchedBefore.join(' '));
  assert.ok(!r.fetchedBefore.includes('plan_lookup_bg.wasm'), 'the full module is not fetched before a document is added');
  assert.equal(r.before.canAdd, false);
  assert.deepEqual(r.single, { sharded: false, places: [], units: [], loaded: [] });
  assert.equal(r.after.canAdd, true);
  assert.deepEqual(wasm.sort(), ['plan_lookup_bg.wasm', 'plan_lookup_query_bg.wasm']);
  assert.deepEqual(r.added, [138, 138, 'added']);
  assert.equal(r.after.version, r.before.version, 'the data version survives the switch');
  assert.equal(r.after.size, r.before.size + 2 * 138);
  assert.deepEqual(r.sources, ['file', 'file', 'file', 'file', 'file', 'added', 'added']);
  // The file's measures answer as before; the added copies of 下陆区's plan add their own.
  const before = keys(r.before.answer);
  const after = keys(r.after.answer);
  assert.ok(before.length > 50);
  assert.deepEqual(after.filter((k) => !k.startsWith('mine')), before);
  assert.equal(after.filter((k) => k.startsWith('mine.txt')).length, before.filter((k) => k.startsWith('004_')).length);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a sharded lookup keeps its manifest and loaded shards across the switch, and loads more places after it', async () => {
  const { context, page, problems } = await openBlank();
  const r = await page.evaluate(async (plan) => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const l = await PlanLookup.load('data/shards/manifest.bin', { place: '资阳区' });
    const q = '资阳区司法局牵头哪些任务';
    const before = { answer: l.ask(q), version: l.dataVersion, loaded: l.places().filter((p) => p.loaded).map((p) => p.name) };
    await l.addDocument('mine.txt', plan);
    const after = { answer: l.ask(q), version: l.dataVersion, loaded: l.places().filter((p) => p.loaded).map((p) => p.name), sharded: l.sharded };
    const later = await l.askAsync('吉首市司法局牵头哪些任务');
    return { before, after, later: later.results.length, loadedLast: l.places().filter((p) => p.loaded).map((p) => p.name) };
  }, SEED_XIALU);
  assert.deepEqual(r.before.loaded, ['资阳区']);
  assert.deepEqual(r.after.loaded, ['资阳区']);
  assert.equal(r.after.sharded, true);
  assert.equal(r.after.version, r.before.version);
  assert.deepEqual(keys(r.after.answer), keys(r.before.answer));
  assert.ok(r.before.answer.results.length > 10);
  assert.ok(r.later > 10, 'a place fetched after the switch answers');
  assert.deepEqual(r.loadedLast.sort(), ['吉首市', '资阳区'].sort());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a full module that cannot be fetched is a wasm error, the lookup keeps answering, and a retry works', async () => {
  const { context, page, problems } = await openBlank();
  await page.route('**/pkg/plan_lookup_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }), { times: 1 });
  const r = await page.evaluate(async (plan) => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const l = await PlanLookup.load('data/plans.bin');
    let error = null;
    try {
      await l.addDocument('mine.txt', plan);
    } catch (e) {
      error = `${e.name} ${e.code}`;
    }
    const still = l.ask('区司法局牵头哪些任务').results.length;
    const retried = await l.addDocument('mine.txt', plan);
    return { error, still, retried: retried.measures, size: l.size };
  }, SEED_XIALU);
  assert.equal(r.error, 'PlanLookupError wasm');
  assert.ok(r.still > 50);
  assert.equal(r.retried, 138);
  assert.equal(r.size, 473 + 138);
  assert.deepEqual(problems.filter((p) => !/404|Failed to load resource/.test(p)), []);
  await context.close();
});

test('the query module is fetched alongside its glue, not after it, and loads when served with another content type', async () => {
  const { context, page, problems } = await openBlank();
  // A server that does not know .wasm: the module is compiled from the whole body instead of
  // streaming, as wasm-bindgen's glue would.
  const body = fs.readFileSync(path.join(env.dir, 'pkg/plan_lookup_query_bg.wasm'));
  await page.route('**/pkg/plan_lookup_query_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body }));
  const r = await page.evaluate(async () => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const l = await PlanLookup.load('data/plans.bin');
    const entry = (name) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(name));
    const glue = entry('/pkg/plan_lookup_query.js');
    const wasm = entry('/pkg/plan_lookup_query_bg.wasm');
    return { n: l.ask('区司法局牵头哪些任务').results.length, wasmBeforeGlueArrived: wasm.startTime < glue.responseEnd };
  });
  assert.equal(r.n, 97);
  assert.ok(r.wasmBeforeGlueArrived, 'the wasm request starts before the glue has arrived');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Adds the offline page's preloads (query module, data file) to a blank page and runs its
 * preload-start.js (as built: preload-start.min.js); resolves to the URLs (paths) it started work for, or false if it declined. */
async function runPreloadStart(page) {
  return page.evaluate(async () => {
    for (const [href, type] of [['pkg/plan_lookup_query_bg.wasm', 'application/wasm'], ['data/plans.bin', '']]) {
      const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href, crossOrigin: '' });
      if (type) link.type = type;
      document.head.append(link);
    }
    await new Promise((resolve, reject) => document.head.append(Object.assign(document.createElement('script'), { src: 'preload-start.min.js', onload: resolve, onerror: reject })));
    const started = globalThis.__planLookupStarted;
    return started && [...started.keys()].map((k) => new URL(k).pathname);
  });
}

test('preload-start.js: the compile and download it starts are taken over, not repeated; failed ones are done again; run late, it starts nothing', async () => {
  const requestsOf = (requests, name) => requests.filter((p) => p === name).length;
  // Taken over: one request each, and the lookup answers.
  {
    const { context, page, problems } = await openBlank();
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    assert.deepEqual(await runPreloadStart(page), ['/pkg/plan_lookup_query_bg.wasm', '/data/plans.bin']);
    const r = await page.evaluate(async () => {
      const { PlanLookup } = await import('./plan-lookup.js');
      const l = await PlanLookup.load('data/plans.bin');
      return { left: globalThis.__planLookupStarted.size, n: l.ask('区司法局牵头哪些任务').results.length };
    });
    assert.deepEqual(r, { left: 0, n: 97 });
    assert.equal(requestsOf(requests, '/pkg/plan_lookup_query_bg.wasm'), 1, requests.join(' '));
    assert.equal(requestsOf(requests, '/data/plans.bin'), 1, requests.join(' '));
    assert.deepEqual(problems, []);
    await context.close();
  }
  // Started work that failed (an early fetch that broke off, a compile that failed) is done
  // again by plan-lookup.js, which reports what it cannot do itself.
  {
    const { context, page, problems } = await openBlank();
    const n = await page.evaluate(async () => {
      const failed = (why) => {
        const p = Promise.reject(new Error(why));
        p.catch(() => {});
        return p;
      };
      const url = (path) => new URL(path, location.href).href;
      globalThis.__planLookupStarted = new Map([
        [url('pkg/plan_lookup_query_bg.wasm'), failed('early compile failed')],
        [url('data/plans.bin'), failed('early download failed')],
      ]);
      const { PlanLookup } = await import('./plan-lookup.js');
      return (await PlanLookup.load('data/plans.bin')).ask('区司法局牵头哪些任务').results.length;
    });
    assert.equal(n, 97);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // Run after plan-lookup.js began loading, it starts nothing (no second download or compile).
  {
    const { context, page, problems } = await openBlank();
    await page.evaluate(async () => {
      const { PlanLookup } = await import('./plan-lookup.js');
      await PlanLookup.load('data/plans.bin');
    });
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    assert.equal(await runPreloadStart(page), false);
    await page.waitForTimeout(200);
    // The preloads (added with it) may fetch once each; the script adds no second request.
    assert.ok(requestsOf(requests, '/pkg/plan_lookup_query_bg.wasm') <= 1, requests.join(' '));
    assert.ok(requestsOf(requests, '/data/plans.bin') <= 1, requests.join(' '));
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a bundle (the query module with the data inside) is one request and answers as the data file does', async () => {
  const { context, page, problems } = await openBlank();
  const r = await page.evaluate(async () => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const bundled = await PlanLookup.load('data/plans.wasm');
    const requests = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').slice(-2).join('/'));
    const fromBundle = bundled.ask('区司法局牵头哪些任务');
    const fromFile = (await PlanLookup.load('data/plans.bin')).ask('区司法局牵头哪些任务');
    // The query module is loaded now: another bundle gives only its data.
    const other = await PlanLookup.load('data/xiangzhou.wasm');
    // The minified build reads bundles alike.
    const min = await import('./plan-lookup.min.js');
    const viaMin = await min.PlanLookup.load('data/plans.wasm');
    return {
      requests,
      same: JSON.stringify(fromBundle) === JSON.stringify(fromFile),
      n: fromBundle.results.length,
      version: [bundled.dataVersion, other.size, other.ask('区司法局牵头哪些任务').place],
      min: viaMin.ask('区司法局牵头哪些任务').results.length,
    };
  });
  assert.ok(r.requests.includes('data/plans.wasm'), r.requests.join(' '));
  assert.ok(!r.requests.some((n) => n === 'data/plans.bin' || n.endsWith('_bg.wasm')), `one request for module and data: ${r.requests.join(' ')}`);
  assert.equal(r.n, 97);
  assert.ok(r.same, 'the same answer as from the data file');
  assert.match(r.version[0], /^[0-9a-f]{8}$/);
  assert.deepEqual(r.version.slice(1), [20, '襄州区']);
  assert.equal(r.min, 97);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a module without data, a missing bundle, a bundle of another module or release are errors that say what to do', async () => {
  const errorOf = async (url) => {
    const { context, page } = await openBlank();
    const e = await page.evaluate(async (url) => {
      const { PlanLookup } = await import('./plan-lookup.js');
      try {
        await PlanLookup.load(url);
        return null;
      } catch (e) {
        return { name: e.name, code: e.code, reason: e.reason, message: e.message };
      }
    }, url);
    await context.close();
    return e;
  };
  const noData = await errorOf('pkg/plan_lookup_query_bg.wasm');
  assert.deepEqual([noData.name, noData.code, noData.reason], ['PlanLookupError', 'data', 'not-a-data-file']);
  assert.match(noData.message, /without plan-lookup data.*plan-lookup build -o plans\.wasm --module/);
  const missing = await errorOf('data/missing.wasm');
  assert.deepEqual([missing.code, missing.reason], ['network', null]);
  assert.match(missing.message, /could not download the bundle .*missing\.wasm \(HTTP 404\)/);
  const notWasm = await errorOf('data/plans.bin?as=.wasm');
  assert.equal(notWasm, null, 'only the path says bundle: a query string does not');
  const sharded = await errorOf('data/sharded.wasm');
  assert.deepEqual([sharded.code, sharded.reason], ['data', 'not-a-data-file']);
  assert.match(sharded.message, /not a bundle of plan-lookup's query module/);
  const otherRelease = await errorOf('data/other-release.wasm');
  assert.equal(otherRelease.code, 'wasm');
  assert.match(otherRelease.message, /rebuild it with the pkg\/plan_lookup_query_bg\.wasm deployed with this plan-lookup\.js/);
});

test('plan-lookup.min.js: the API and the query module\'s glue in one file, answering as plan-lookup.js does', async () => {
  const { context, page, problems, wasm } = await openBlank();
  const r = await page.evaluate(async () => {
    const min = await import('./plan-lookup.min.js');
    const l = await min.PlanLookup.load('data/plans.bin');
    const answer = l.ask('区司法局牵头哪些任务');
    const scripts = performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()).filter((n) => n.endsWith('.js'));
    const { PlanLookup } = await import('./plan-lookup.js');
    const plain = (await PlanLookup.load('data/plans.bin')).ask('区司法局牵头哪些任务');
    return { scripts, same: JSON.stringify(answer) === JSON.stringify(plain), n: answer.results.length, labels: Object.keys(min.PlanLookup.LABELS).length };
  });
  assert.deepEqual(r.scripts, ['plan-lookup.min.js']);
  assert.equal(r.n, 97);
  assert.ok(r.same, 'the same answer as plan-lookup.js');
  assert.ok(r.labels > 3);
  assert.equal(wasm[0], 'plan_lookup_query_bg.wasm');
  assert.deepEqual(problems, []);
  await context.close();
});

test('find() gives ask()\'s results as ids and roles; measure() is cached, frozen, and forgotten when the data changes', async () => {
  const { context, page, problems } = await openBlank();
  const r = await page.evaluate(async (plan) => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const l = await PlanLookup.load('data/plans.bin');
    const same = [];
    for (const q of ['区司法局牵头哪些任务', '“行政复议”', '行政复议谁牵头', '区人社局参与哪些任务', '量子计算机', '']) {
      const a = l.ask(q);
      const f = l.find(q);
      same.push({
        q,
        intent: [a.intent, f.intent],
        ask: a.results.map((x) => `${x.id}:${x.role}`),
        find: [...f.ids].map((id, i) => `${id}:${PlanLookup.ROLES[f.roles[i]]}`),
        count: f.count,
      });
    }
    const m = l.measure(0);
    const cached = l.measure(0) === m;
    let mutated = 'no';
    try {
      m.lead.push('x');
      mutated = 'yes';
    } catch {
      /* frozen */
    }
    await l.addDocument('mine.txt', plan);
    const fresh = l.measure(0) !== m;
    return { same, cached, mutated, fresh, bad: l.measure(-1), past: l.measure(1e9) };
  }, SEED_XIALU);
  for (const s of r.same) {
    assert.equal(s.intent[1], s.intent[0], s.q);
    assert.deepEqual(s.find, s.ask, s.q);
    assert.equal(s.count, s.ask.length, s.q);
  }
  assert.ok(r.same[0].count > 50);
  assert.equal(r.cached, true);
  assert.equal(r.mutated, 'no');
  assert.equal(r.fresh, true);
  assert.equal(r.bad, null);
  assert.equal(r.past, null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('exportData(): the loaded file itself in the query module; a sharded lookup\'s loaded places through the full module', async () => {
  const { context, page, problems, wasm } = await openBlank();
  const r = await page.evaluate(async () => {
    const { PlanLookup } = await import('./plan-lookup.js');
    const file = new Uint8Array(await (await fetch('data/plans.bin')).arrayBuffer());
    const l = await PlanLookup.fromBytes(file);
    const same = await l.exportData();
    const fullBefore = performance.getEntriesByType('resource').some((e) => e.name.endsWith('/plan_lookup_bg.wasm'));
    const s = await PlanLookup.load('data/shards/manifest.bin', { place: '资阳区|下陆区' });
    const saved = await PlanLookup.fromBytes(await s.exportData());
    return {
      identical: same.length === file.length && same.every((b, i) => b === file[i]),
      fullBefore,
      savedPlaces: [...new Set(saved.info().documents.flatMap((d) => d.plans.map((p) => p.jurisdiction)))].sort(),
      savedMeasures: saved.size,
      loadedMeasures: s.size,
    };
  });
  assert.equal(r.identical, true);
  assert.equal(r.fullBefore, false);
  assert.ok(wasm.includes('plan_lookup_bg.wasm'), 'the sharded export went through the full module');
  assert.deepEqual(r.savedPlaces, ['下陆区', '资阳区']);
  assert.equal(r.savedMeasures, r.loadedMeasures);
  assert.equal(r.savedMeasures, 112 + 138);
  assert.deepEqual(problems, []);
  await context.close();
});
