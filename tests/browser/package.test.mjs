// The release package (scripts/package): the zip unpacked into a temp folder and served as a
// static site, then deployed the way its 部署说明.md says (the builder page makes the data
// file, the README's snippet embeds the widget in a portal page); and pkg/ installed with npm
// from its tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { unzipSync } from 'fflate';
import zlib from 'node:zlib';
import { ROOT, launch, watchProblems, widgetReady, typeQuestion, cleanup } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { builderFlow, downloadFrom } from './builder-flow.mjs';

const VERSION = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.*)"/m)[1];
const ZIP = path.join(ROOT, `dist/plan-lookup-web-${VERSION}.zip`);
const TGZ = path.join(ROOT, `dist/plan-lookup-${VERSION}.tgz`);

function requirePackage() {
  for (const f of [ZIP, TGZ]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run scripts/package first`);
}

/** Unzips the release into DIR (its entries are under plan-lookup/). */
function unzipInto(dir) {
  for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(ZIP)))) {
    if (name.endsWith('/')) continue;
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
}

test('the release zip, unpacked on a static server, is deployed with a new plan by following 部署说明.md', async () => {
  requirePackage();
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-site-'));
  unzipInto(site);
  const app = path.join(site, 'plan-lookup');
  for (const f of ['plan-lookup-widget.js', 'plan-lookup.js', 'plan-lookup.min.js', 'plan-lookup.d.ts', 'pkg/plan_lookup_query_bg.wasm', 'pkg/plan_lookup_bg.wasm', 'builder.html', 'index.html', 'embed-example.html', 'data/plans.bin', 'data/plans.wasm', 'sw.js', 'sw-build.js']) {
    assert.ok(fs.existsSync(path.join(app, f)), `the zip holds plan-lookup/${f}`);
  }
  // Precompressed copies of the program files, each its file gzipped; none for the files staff
  // replace by hand (a gzip_static server would send a stale copy), but for the bundle the
  // offline page loads first (staff who replace it remove its copy; the page checks it).
  for (const f of ['index.html', 'plan-lookup-widget.js', 'pkg/plan_lookup_query_bg.wasm', 'data/plans.wasm']) {
    assert.ok(zlib.gunzipSync(fs.readFileSync(path.join(app, `${f}.gz`))).equals(fs.readFileSync(path.join(app, f))), `${f}.gz is ${f} gzipped`);
  }
  for (const f of ['data/plans.bin', 'data/terms.txt', 'sw-build.js']) assert.ok(!fs.existsSync(path.join(app, `${f}.gz`)), `no ${f}.gz`);
  // The guide says every step: where to put the folder, the MIME type, the CSP, the builder, the update.
  const guide = fs.readFileSync(path.join(app, '部署说明.md'), 'utf8');
  for (const must of ['第一步', '第二步', '第三步', '第四步', '更新数据', 'application/wasm', "'wasm-unsafe-eval'", 'builder.html', 'plans.bin', 'plans.wasm', 'plans.wasm.gz', 'sw-build.js', VERSION]) {
    assert.ok(guide.includes(must), `部署说明.md says ${must}`);
  }
  // Step 4's snippet, pasted into a portal page as the guide says.
  const snippet = guide.match(/```html\n([\s\S]*?)```/)[1];
  fs.writeFileSync(path.join(site, 'portal.html'), `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>某县人民政府</title><link rel="icon" href="plan-lookup/icons/icon.svg"><h1>某县人民政府</h1>\n${snippet}`);

  const server = await startServer({ root: site });
  const browser = await launch();
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    // Step 3: the builder page of the deployed folder makes the data file, the bundle and the
    // offline list; the bundle's old precompressed copy is removed.
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url + 'plan-lookup/builder.html');
    const { data, edited } = await builderFlow(page, site);
    const bundle = await downloadFrom(page, '#download-bundle');
    const list = await downloadFrom(page, '#download-sw');
    fs.writeFileSync(path.join(app, 'data/plans.bin'), data);
    fs.writeFileSync(path.join(app, 'data/plans.wasm'), bundle);
    fs.rmSync(path.join(app, 'data/plans.wasm.gz'));
    fs.writeFileSync(path.join(app, 'sw-build.js'), list);

    // Step 4: the portal page answers from the new data, with the edit.
    const portal = await context.newPage();
    problems.push(...watchProblems(portal));
    await portal.goto(server.url + 'portal.html');
    assert.equal(await widgetReady(portal), 'ready');
    await typeQuestion(portal, `${edited.unit}牵头哪些任务`);
    const answer = await portal.evaluate(() => document.querySelector('plan-lookup').answer);
    assert.deepEqual(answer.results.map((r) => r.title), [edited.title]);

    // The offline page shows the new data and its service worker installs the new list.
    const offline = await (await browser.newContext()).newPage();
    await offline.goto(server.url + 'plan-lookup/index.html');
    assert.equal(await widgetReady(offline), 'ready');
    const version = Buffer.from(data.subarray(12, 16)).readUInt32LE(0).toString(16).padStart(8, '0');
    assert.equal(await offline.evaluate(() => document.documentElement.dataset.dataVersion), version);
    assert.doesNotMatch(await offline.locator('plan-lookup footer').textContent(), /已改用/, 'the new bundle is loaded, not the data file instead');
    await offline.waitForFunction(() => document.documentElement.dataset.offlineReady === 'yes' && navigator.serviceWorker.controller);
    await offline.context().close();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await browser.close();
    await server.close();
    cleanup(site);
  }
});

test('pkg/ is an npm package: installed from its tarball, its exports resolve and the widget answers', async () => {
  requirePackage();
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-npm-'));
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', TGZ], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  const installed = path.join(project, 'node_modules/plan-lookup');
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.version, VERSION);
  const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
  for (const t of [...targets, manifest.types, manifest.main]) assert.ok(fs.existsSync(path.join(installed, t)), `${t} is in the package`);
  // Node resolves the package by its exports.
  const names = execFileSync('node', ['--input-type=module', '-e', "const m = await import('plan-lookup'); const q = await import('plan-lookup/query'); console.log(typeof m.PlanLookup, typeof q.Lookup)"], { cwd: project }).toString().trim();
  assert.equal(names, 'function function');

  fs.mkdirSync(path.join(project, 'data'));
  fs.copyFileSync(path.join(ROOT, 'www/data/plans.bin'), path.join(project, 'data/plans.bin'));
  fs.writeFileSync(
    path.join(project, 'index.html'),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>npm</title><link rel="icon" href="data:,">' +
      '<script type="module" src="node_modules/plan-lookup/plan-lookup-widget.js"></script><plan-lookup src="data/plans.bin" url-param=""></plan-lookup>',
  );
  const server = await startServer({ root: project, csp: "default-src 'self' data:; script-src 'self' 'wasm-unsafe-eval'" });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url + 'index.html');
    assert.equal(await widgetReady(page), 'ready');
    await typeQuestion(page, '区司法局牵头哪些任务');
    const n = await page.evaluate(() => document.querySelector('plan-lookup').answer.results.length);
    assert.ok(n > 10, `${n} results`);
    // The full module is found next to the API too (addDocument).
    const added = await page.evaluate(async () => {
      const { PlanLookup } = await import('/node_modules/plan-lookup/plan-lookup.js');
      const l = await PlanLookup.empty();
      return (await l.addDocument('p.txt', '一、加强法治建设\n1.推进依法行政。（牵头单位：县司法局）\n2.深化执法改革。（牵头单位：县政府办）\n')).measures;
    });
    assert.equal(added, 2);
    // The minified API (plan-lookup/min) finds its wasm next to it too, with no glue file.
    const fromMin = await page.evaluate(async () => {
      const { PlanLookup } = await import('/node_modules/plan-lookup/plan-lookup.min.js');
      const l = await PlanLookup.load('data/plans.bin');
      return l.ask('区司法局牵头哪些任务').results.length;
    });
    assert.equal(fromMin, n);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
    cleanup(project);
  }
});
