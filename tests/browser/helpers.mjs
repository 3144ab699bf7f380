// Shared set-up of the browser tests and the benchmark: Debian's chromium driven through
// playwright-core, and scripts/serve.mjs serving a www/ directory on 127.0.0.1.
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import fs from 'node:fs';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawn } from 'node:child_process';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WWW = path.join(ROOT, 'www');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function executablePath() {
  return process.env.CHROMIUM || '/usr/bin/chromium';
}

/** Fails early, with what to run, if the web build is missing. */
export function requireBuild(dir = WWW) {
  for (const f of ['app.bundle.js', 'pkg/plan_lookup_query_bg.wasm', 'pkg/plan_lookup_query.js', 'pkg/plan_lookup_bg.wasm', 'pkg/plan_lookup.js', 'data/plans.bin', 'sw-build.js']) {
    if (!fs.existsSync(path.join(dir, f))) throw new Error(`${path.join(dir, f)} is missing: run scripts/build-web first`);
  }
  // The service worker's file list must match the files (else it rightly refuses to install).
  const list = fs.readFileSync(path.join(dir, 'sw-build.js'), 'utf8');
  for (const [, url, sha] of list.matchAll(/"url": "([^"]+)", "sha256": "([0-9a-f]+)"/g)) {
    const have = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, url))).digest('hex');
    if (have !== sha) throw new Error(`${path.join(dir, 'sw-build.js')} is stale (${url} changed): run scripts/build-web`);
  }
}

export async function launch() {
  return chromium.launch({ executablePath: executablePath(), args: CHROMIUM_ARGS, headless: true });
}

/** Headless Chromium started here with `args` besides CHROMIUM_ARGS, driven over CDP, with
 * every line the browser and its pages print to stdout or stderr passed to `onLine` (V8's
 * --js-flags traces, which playwright's own launch keeps to itself). */
export async function launchPrinting(args, onLine) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-chromium-'));
  const child = spawn(executablePath(), [...CHROMIUM_ARGS, ...args, '--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${executablePath()} exited (${code}) before it listened`)));
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        const m = line.match(/DevTools listening on (ws:\/\/\S+)/);
        if (m) resolve(m[1]);
        onLine(line);
      });
    }
  });
  const browser = await chromium.connectOverCDP(await endpoint);
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close().catch(() => {});
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  return browser;
}

/** For a test file: a browser and a server on www/, started before its tests and closed after
 * them (node:test hooks). With `prepare`, the server serves a throwaway copy of www/ that
 * `prepare(dir)` changes first (its sw-build.js is then rewritten, as a deploy does). Returns
 * {browser, server, dir}, filled in once the tests run. */
export function useBrowserAndServer({ prepare } = {}) {
  const env = {};
  before(async () => {
    if (prepare) {
      requireBuild();
      env.dir = copyOfWww();
      await prepare(env.dir);
      writeManifest(env.dir);
      env.server = await startServer({ root: env.dir });
    } else {
      env.server = await serve();
    }
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (env.dir) cleanup(env.dir);
  });
  return env;
}

/** Runs the release CLI (`plan-lookup ARGS…`) and returns its stdout. */
export function planLookup(...args) {
  return execFileSync('cargo', ['run', '--release', '--quiet', '--bin', 'plan-lookup', '--', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

export async function serve(root = WWW) {
  requireBuild(root);
  return startServer({ root });
}

/** A throwaway copy of www/ (for tests that change the deployed files). */
export function copyOfWww() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-www-'));
  fs.cpSync(WWW, dir, { recursive: true, dereference: true });
  return dir;
}

/** Rewrites dir/sw-build.js for the files now in dir, as a deploy does. */
export function writeManifest(dir) {
  execFileSync(path.join(ROOT, 'scripts/build-web'), ['manifest', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Collects console errors, page errors and CSP violations of a page. */
export function watchProblems(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  return problems;
}

/** Waits until <plan-lookup> has loaded its data (or failed). Returns 'ready' | 'error'. */
export async function widgetReady(page, selector = 'plan-lookup') {
  return page.evaluate(
    (sel) =>
      new Promise((resolve) => {
        const w = document.querySelector(sel);
        if (w.lookup) return resolve('ready');
        // Already failed (an error shown, and no retry under way).
        const error = w.shadowRoot.querySelector('.error');
        if (error && !error.hidden && !error.querySelector('button.retry').disabled) return resolve('error');
        w.addEventListener('plan-lookup-ready', () => resolve('ready'), { once: true });
        w.addEventListener('plan-lookup-error', () => resolve('error'), { once: true });
      }),
    selector,
  );
}

/** Types a question into the widget's search box and submits it with Enter. */
export async function typeQuestion(page, question) {
  const input = page.locator('plan-lookup input[type="search"]');
  await input.fill('');
  await input.pressSequentially(question, { delay: 5 });
  await input.press('Enter');
}

/** The live region's text. */
export async function statusText(page) {
  return page.locator('plan-lookup [role="status"]').textContent();
}

export function cleanup(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page (or inside `include`), one line each. */
export async function axe(page, include) {
  await page.evaluate(AXE);
  return page.evaluate(async (include) => {
    const r = await window.axe.run(include ? { include: [[include]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  }, include);
}
