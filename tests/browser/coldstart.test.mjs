// Cold start of the offline page: nothing the first answer does not need runs before it. A long
// answer shows its first screenful (with the full count) when `plan-lookup-answer` fires and the
// rest right after; the unit directory is read only when the suggestions need it; the service
// worker is registered after the first answer. And none of that changes what is shown. Its
// steps are marked on the performance timeline (plan-lookup:STEP), in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, watchProblems, widgetReady } from './helpers.mjs';

const LONG = '区司法局牵头哪些任务';

const env = useBrowserAndServer();

/** Records, in the page, the widget's state when its first answer event fires, and when the
 * unit directory is read (the lookup's units(), watched from plan-lookup-ready on, which comes
 * just before the answer to a question in the URL) and the service worker is registered. */
function probe() {
  window.__probe = { unitsAt: [], registerAt: [], answer: null };
  document.addEventListener(
    'plan-lookup-ready',
    (e) => {
      // The class as the page loaded it (app.js may be a bundle with its own copy).
      const proto = Object.getPrototypeOf(e.target.lookup);
      const units = proto.units;
      proto.units = function () {
        window.__probe.unitsAt.push(performance.now());
        return units.call(this);
      };
    },
    { once: true, capture: true },
  );
  if (navigator.serviceWorker) {
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args) => {
      window.__probe.registerAt.push(performance.now());
      return register(...args);
    };
  }
  document.addEventListener(
    'plan-lookup-answer',
    (e) => {
      const root = e.target.shadowRoot;
      const results = root.querySelector('.results');
      window.__probe.answer = {
        at: performance.now(),
        question: e.detail.question,
        total: e.detail.results.length,
        articles: root.querySelectorAll('article').length,
        // Where the last result rendered ends, against the viewport (the test pays the layout).
        lastBottom: [...root.querySelectorAll('article')].pop()?.getBoundingClientRect().bottom,
        viewport: innerHeight,
        complete: results.hasAttribute('data-complete'),
        heading: results.querySelector('h2')?.textContent,
        status: root.querySelector('.status').textContent,
      };
    },
    { once: true },
  );
}

async function open(query, options = { serviceWorkers: 'block' }) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.addInitScript(probe);
  await page.goto(env.server.url + query);
  assert.equal(await widgetReady(page), 'ready');
  return { context, page, problems };
}

const firstAnswer = (page) => page.waitForFunction(() => window.__probe.answer).then((h) => h.jsonValue());
/** Waits for the widget's pending render (without reading `answer`, which would finish it). */
const rendered = (page) => page.evaluate(() => document.querySelector('plan-lookup').rendered);
const articles = (page) => page.evaluate(() => document.querySelector('plan-lookup').shadowRoot.querySelectorAll('article').length);

for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }, { width: 1440, height: 2400 }]) {
  test(`a long answer (${viewport.width}×${viewport.height}): the first screenful and the full count at the answer event, the rest right after`, async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block', viewport });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.addInitScript(probe);
    await page.goto(env.server.url + '?q=' + encodeURIComponent(LONG));
    const first = await firstAnswer(page);
    // The page preloads the bundle (the query module with the data file inside) and downloads it
    // once, whether preload-start.js ran first (its work taken over) or after the widget had
    // begun (then it starts nothing); neither the query module apart nor anything of the full
    // one (fetched on addDocument). The data file comes after the answer, if at all (the
    // bundle's check, on idle).
    assert.equal(requested.filter((p) => p === '/data/plans.wasm').length, 1, requested.join(' '));
    assert.deepEqual(requested.filter((p) => /\/pkg\/plan_lookup(_query)?(_bg\.wasm|\.js)$/.test(p)), []);
    assert.ok(requested.filter((p) => p === '/data/plans.bin').length <= 1, requested.join(' '));
    assert.ok([0, false].includes(await page.evaluate(() => globalThis.__planLookupStarted && globalThis.__planLookupStarted.size)));
    // The results rendered reach past the bottom of the viewport (nothing visible is missing),
    // and they are a part of the answer, not all of it (less work before the answer).
    assert.ok(first.lastBottom > first.viewport, `${first.articles} results end at ${first.lastBottom} px, the viewport at ${first.viewport} px`);
    assert.ok(first.articles >= 4 && first.articles < first.total / 2, `${first.articles} of ${first.total} results at the answer event`);
    assert.equal(first.complete, false);
    assert.equal(first.heading, `任务（${first.total} 条）`);
    assert.match(first.status, new RegExp(`找到 ${first.total} 条任务`));
    assert.equal(await rendered(page), true);
    assert.equal(await articles(page), first.total);
    assert.equal(await page.locator('plan-lookup .results[data-complete]').count(), 1);
    // Every result is on screen once, in the engine's order within each group.
    const shown = await page.evaluate(() => [...document.querySelector('plan-lookup').shadowRoot.querySelectorAll('article .text')].map((t) => t.textContent));
    const want = await page.evaluate((q) => document.querySelector('plan-lookup').lookup.ask(q).results.map((r) => r.text), LONG);
    assert.deepEqual([...shown].sort(), [...want].sort());
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a second question before the rest is rendered cancels it; printing or reading `answer` finishes it', async () => {
  const { context, page } = await open('');
  const out = await page.evaluate(async ([long, short]) => {
    const w = document.querySelector('plan-lookup');
    const root = w.shadowRoot;
    const texts = () => [...root.querySelectorAll('article .text')].map((t) => t.textContent);
    w.ask(long);
    const cancelled = w.rendered;
    w.ask(short);
    const second = await w.rendered;
    // A few more frames: nothing of the first answer turns up later.
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
    const afterShort = { cancelled: await cancelled, second, texts: texts(), want: w.lookup.ask(short).results.map((r) => r.text) };

    // Print (beforeprint) and reading `answer` render the rest at once.
    w.ask(long);
    const partial = root.querySelectorAll('article').length;
    window.dispatchEvent(new Event('beforeprint'));
    const printed = root.querySelectorAll('article').length;
    w.ask(short);
    w.ask(long);
    const total = w.answer.results.length;
    return { afterShort, partial, printed, read: root.querySelectorAll('article').length, total, complete: root.querySelector('.results').hasAttribute('data-complete') };
  }, [LONG, '行政复议由谁牵头']);
  assert.equal(out.afterShort.cancelled, false);
  assert.equal(out.afterShort.second, true);
  assert.deepEqual(out.afterShort.texts.sort(), out.afterShort.want.sort());
  assert.ok(out.partial >= 4 && out.partial < out.total / 2, `${out.partial} of ${out.total} rendered at first`);
  assert.equal(out.printed, out.total);
  assert.equal(out.read, out.total);
  assert.equal(out.complete, true);
  // CSV uses the whole answer, whatever is on screen.
  const csvRows = await page.evaluate(async (long) => {
    const { answerToCsv } = await import('./plan-lookup-widget.js');
    const w = document.querySelector('plan-lookup');
    w.ask(long);
    return answerToCsv(w.lookup.ask(long)).split('\r\n').filter(Boolean).length;
  }, LONG);
  assert.equal(csvRows, out.total + 1);
  await context.close();
});

test('the unit directory and the suggestions\' code come after the first answer, or at once when a suggestion needs them', async () => {
  // Read in idle time after the answer.
  const { context, page } = await open('?q=' + encodeURIComponent(LONG));
  const first = await firstAnswer(page);
  await page.waitForFunction(() => window.__probe.unitsAt.length > 0, null, { timeout: 5000 });
  const { unitsAt } = await page.evaluate(() => window.__probe);
  assert.ok(unitsAt[0] > first.at, `units() read at ${unitsAt[0]} ms, answer at ${first.at} ms`);
  assert.equal(unitsAt.length, 1, 'read once');
  // on-demand.js (suggestions, CSV, counts across places) is fetched then too, not before.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/on-demand.js')), null, { timeout: 5000 });
  const fetchedAt = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/on-demand.js')).map((r) => r.startTime));
  assert.equal(fetchedAt.length, 1, 'fetched once');
  assert.ok(fetchedAt[0] > first.at, `on-demand.js fetched at ${fetchedAt[0]} ms, answer at ${first.at} ms`);
  await context.close();

  // Asked for before that idle time: built on demand, and the suggestions work.
  const c2 = await env.browser.newContext({ serviceWorkers: 'block' });
  const p2 = await c2.newPage();
  await p2.addInitScript(probe);
  await p2.addInitScript(() => {
    document.addEventListener(
      'plan-lookup-ready',
      (e) => {
        const input = e.target.shadowRoot.querySelector('input[type="search"]');
        input.value = '下陆区财政';
        input.dispatchEvent(new Event('input'));
      },
      { once: true },
    );
  });
  await p2.goto(env.server.url);
  assert.equal(await widgetReady(p2), 'ready');
  // The suggestions' code (on-demand.js) is fetched for this first keystroke.
  await p2.waitForFunction(() => document.querySelector('plan-lookup').shadowRoot.querySelector('[role="option"]'), null, { timeout: 5000 });
  const early = await p2.evaluate(() => [...document.querySelector('plan-lookup').shadowRoot.querySelectorAll('[role="option"]')].map((o) => o.textContent));
  assert.ok(early.some((o) => o.includes('区财政局')), early.join(' / '));
  const w = p2.locator('plan-lookup');
  assert.equal(await w.locator('input[type="search"]').getAttribute('aria-expanded'), 'true');
  // Picking it: the place is kept, as the name exists in several places (the name counts).
  await w.locator('[role="option"]', { hasText: '区财政局' }).first().click();
  assert.match(await w.locator('input[type="search"]').inputValue(), /^下陆区.*财政局$/);
  await c2.close();
});

test('the offline page registers its service worker after the first answer', async () => {
  const { context, page, problems } = await open('?q=' + encodeURIComponent(LONG), {});
  const first = await firstAnswer(page);
  await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'yes');
  const { registerAt } = await page.evaluate(() => window.__probe);
  assert.equal(registerAt.length, 1);
  assert.ok(registerAt[0] > first.at, `registered at ${registerAt[0]} ms, answer at ${first.at} ms`);
  assert.match(await page.locator('#offline-state').textContent(), /已可离线使用/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the first answer marks its steps on the performance timeline, in order, before the answer event', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.addInitScript(probe);
  await page.goto(env.server.url + '?q=' + encodeURIComponent(LONG));
  const first = await firstAnswer(page);
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('plan-lookup:'))
      .map((m) => ({ name: m.name.slice('plan-lookup:'.length), at: m.startTime, detail: m.detail })),
  );
  // (The everyday words and the pinyin table, fetched when the page is idle after the answer,
  // mark a fetched step of their own, later.)
  const at = (name) => {
    const found = marks.filter((m) => m.name === name && m.at <= first.at);
    assert.equal(found.length, 1, `one ${name} mark: ${JSON.stringify(marks)}`);
    return found[0];
  };
  const load = at('load');
  const compiled = at('compiled');
  const instantiated = at('instantiated');
  const fetched = at('fetched');
  const built = at('built');
  const asked = at('asked');
  const rendered = at('rendered');
  // One file, the bundle: the query module compiled from it, its data read from it.
  assert.match(load.detail, /\/data\/plans\.wasm$/);
  assert.match(fetched.detail, /\/data\/plans\.wasm$/);
  assert.match(compiled.detail, /\/data\/plans\.wasm$/);
  assert.equal(instantiated.detail, compiled.detail);
  assert.ok(load.at <= compiled.at && compiled.at <= instantiated.at, 'the module is compiled, then instantiated, after load()');
  assert.ok(load.at <= fetched.at, 'the data file arrives after load()');
  assert.ok(Math.max(instantiated.at, fetched.at) <= built.at, 'the lookup is built from both');
  assert.ok(built.at <= asked.at && asked.at <= rendered.at && rendered.at <= first.at, 'then asked, rendered, and the answer event');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a shared link paints the page once, with its answer; a slow or failed load shows the page, and no question paints it at once', async () => {
  // Records when the page first painted content (Paint Timing) and whether its body was
  // displayed at the widget's first answer or error.
  const record = () => {
    window.__page = {};
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__page.painted = e.startTime;
    }).observe({ type: 'paint', buffered: true });
    const shown = () => getComputedStyle(document.body).display !== 'none';
    for (const type of ['plan-lookup-answer', 'plan-lookup-error'])
      document.addEventListener(type, () => (window.__page[type] ??= { at: performance.now(), shown: shown() }));
  };
  const QUESTION = '?q=' + encodeURIComponent(LONG);
  const bodyShown = (page) => page.evaluate(() => getComputedStyle(document.body).display !== 'none');

  // Data at hand: nothing is painted before the answer, and the answer comes with the page.
  let context = await env.browser.newContext({ serviceWorkers: 'block' });
  let page = await context.newPage();
  let problems = watchProblems(page);
  await page.addInitScript(record);
  await page.goto(env.server.url + QUESTION);
  await page.waitForFunction(() => window.__page['plan-lookup-answer'] && window.__page.painted);
  let seen = await page.evaluate(() => window.__page);
  assert.equal(seen['plan-lookup-answer'].shown, true, 'the page is displayed with its answer');
  assert.ok(seen.painted >= seen['plan-lookup-answer'].at, `first paint at ${seen.painted} ms, before the answer at ${seen['plan-lookup-answer'].at} ms`);
  assert.deepEqual(problems, []);
  await context.close();

  for (const [query, data, shownAtOnce] of [
    [QUESTION, 'held', false], // the data slow: the page and the loading status after the quiet time
    [QUESTION, 'missing', false], // the data missing: the page with the error
    ['', 'held', true], // no question: the page at once, before the data
    ['?q=' + encodeURIComponent(' '), 'held', true], // a blank question is none
  ]) {
    const what = `${JSON.stringify(query)}, data ${data}`;
    context = await env.browser.newContext({ serviceWorkers: 'block' });
    page = await context.newPage();
    problems = watchProblems(page);
    let release;
    const held = new Promise((r) => (release = r));
    // The page's bundle, and the data file it falls back to when the bundle is missing.
    await page.route('**/data/plans.{bin,wasm}', async (route) => {
      if (data === 'missing') return route.fulfill({ status: 404, body: 'not found' });
      await held;
      await route.continue();
    });
    await page.addInitScript(record);
    await page.goto(env.server.url + query, { waitUntil: 'domcontentloaded' });
    if (shownAtOnce) {
      assert.equal(await bodyShown(page), true, `${what}: displayed at once`);
      await page.waitForFunction(() => window.__page.painted, null, { timeout: 3000 });
    } else if (data === 'held') {
      assert.equal(await bodyShown(page), false, `${what}: hidden while the answer is on its way`);
      await page.waitForFunction(() => getComputedStyle(document.body).display !== 'none', null, { timeout: 3000 });
      assert.match(await page.evaluate(() => document.querySelector('plan-lookup').shadowRoot.querySelector('.status').textContent), /正在加载任务数据/);
    } else {
      await page.waitForFunction(() => window.__page['plan-lookup-error'], null, { timeout: 5000 });
      assert.equal((await page.evaluate(() => window.__page['plan-lookup-error'])).shown, true, `${what}: the page shows the error`);
    }
    release();
    if (data === 'held') assert.equal(await widgetReady(page), 'ready');
    assert.equal(await bodyShown(page), true);
    if (data === 'held') assert.deepEqual(problems, []);
    await context.close();
  }
});
