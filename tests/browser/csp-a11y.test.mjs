// Strict CSP, accessibility (axe-core) and style isolation of the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, watchProblems, widgetReady, typeQuestion, axe } from './helpers.mjs';
import { CSP } from '../../scripts/serve.mjs';

const env = useBrowserAndServer();

/** Records every CSP violation of the page (the init script runs before any page script). */
async function withViolations(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile || ''}:${e.lineNumber || ''}`),
    );
  });
}

for (const pageName of ['index.html', 'embed-example.html']) {
  test(`${pageName} works under "${CSP}" with no violations`, async () => {
    const context = await env.browser.newContext();
    await withViolations(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    const response = await page.goto(env.server.url + pageName);
    assert.equal(response.headers()['content-security-policy'], CSP);
    assert.equal(await widgetReady(page), 'ready');
    await typeQuestion(page, '行政复议由谁牵头');
    await page.locator('plan-lookup .summary svg rect').first().waitFor();
    // Suggestions, elder mode and a keyword answer with highlights render too.
    await page.locator('plan-lookup input[type="search"]').fill('');
    await page.locator('plan-lookup input[type="search"]').pressSequentially('司法');
    await page.locator('plan-lookup [role="listbox"]').waitFor({ state: 'visible' });
    await page.locator('plan-lookup input[type="search"]').press('Escape');
    await page.locator('plan-lookup button.elder-toggle').click();
    await typeQuestion(page, '营商环境');
    await page.locator('plan-lookup mark').first().waitFor();
    // The widget's styles did apply (a constructed stylesheet, allowed under this CSP).
    assert.equal(await page.locator('plan-lookup form').evaluate((f) => getComputedStyle(f).display), 'flex');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    // The policy really is enforced: an inline style element is reported.
    await page.evaluate(() => {
      const s = document.createElement('style');
      s.textContent = 'body{}';
      document.head.append(s);
    });
    await page.waitForFunction(() => window.__violations.length > 0);
    assert.match((await page.evaluate(() => window.__violations))[0], /style-src/);
    await context.close();
  });
}

test('axe-core finds no violations: empty, answered, suggestions open, elder mode, 320 px, error', async () => {
  const context = await env.browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(env.server.url);
  assert.equal(await widgetReady(page), 'ready');
  assert.deepEqual(await axe(page), [], 'loaded, no question yet');
  await typeQuestion(page, '区司法局牵头哪些任务');
  await page.locator('plan-lookup article').first().waitFor();
  assert.deepEqual(await axe(page), [], 'unit answer');
  await typeQuestion(page, '行政复议由谁牵头');
  await page.locator('plan-lookup .summary svg').waitFor();
  assert.deepEqual(await axe(page), [], 'topic answer with summary and chart');
  await typeQuestion(page, 'xyz不存在的词');
  assert.deepEqual(await axe(page), [], 'no results');
  const input = page.locator('plan-lookup input[type="search"]');
  await input.fill('');
  await input.pressSequentially('财政');
  await page.locator('plan-lookup [role="listbox"]').waitFor({ state: 'visible' });
  await input.press('ArrowDown');
  assert.deepEqual(await axe(page), [], 'suggestions open');
  await input.press('Escape');
  await page.locator('plan-lookup button.elder-toggle').click();
  await page.setViewportSize({ width: 320, height: 700 });
  await typeQuestion(page, '营商环境');
  assert.deepEqual(await axe(page), [], 'elder mode at 320 px');
  await page.evaluate(() => document.querySelector('plan-lookup').setAttribute('src', 'data/missing.bin'));
  await page.locator('plan-lookup [role="alert"]').waitFor({ state: 'visible' });
  assert.deepEqual(await axe(page), [], 'error state');
  await context.close();

  // The widget inside the hostile portal page.
  const c2 = await env.browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
  const p2 = await c2.newPage();
  await p2.goto(env.server.url + 'embed-example.html?q=' + encodeURIComponent('区司法局牵头哪些任务'));
  assert.equal(await widgetReady(p2), 'ready');
  await p2.locator('plan-lookup article').first().waitFor();
  assert.deepEqual(await axe(p2, 'plan-lookup'), [], 'embedded widget');
  await c2.close();
});

test('the answer count is announced in a polite live region', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await widgetReady(page);
  const live = page.locator('plan-lookup [aria-live="polite"]');
  assert.equal(await live.getAttribute('role'), 'status');
  await typeQuestion(page, '普法');
  const n = await page.evaluate(() => document.querySelector('plan-lookup').answer.results.length);
  assert.match(await live.textContent(), new RegExp(`找到 ${n} 条任务`));
  // Every control has an accessible name.
  const unnamed = await page.evaluate(() => {
    const root = document.querySelector('plan-lookup').shadowRoot;
    return [...root.querySelectorAll('button, input')].filter((el) => {
      if (el.tagName === 'INPUT') return !root.querySelector(`label[for="${el.id}"]`);
      return !el.textContent.trim() && !el.getAttribute('aria-label');
    }).length;
  });
  assert.equal(unnamed, 0);
  await context.close();
});

// Computed styles of the widget's insides that the hostile portal CSS would change if it leaked.
const PROBES = {
  '.root': ['color', 'font-size', 'line-height', 'font-family', 'font-style', 'letter-spacing', 'word-spacing', 'text-align', 'text-transform'],
  'input[type="search"]': ['display', 'box-sizing', 'font-size', 'color', 'padding-left', 'border-top-width'],
  'button.elder-toggle': ['display', 'background-color', 'color', 'font-size'],
  'section.place h3': ['margin-top', 'padding-left', 'border-top-style', 'font-size', 'color'],
  article: ['margin-top', 'padding-left', 'border-top-style', 'background-color', 'box-sizing', 'max-width'],
  '.text': ['margin-left', 'padding-left', 'background-color', 'overflow-x'],
  mark: ['background-color', 'color'],
  '.summary svg': ['display'],
  '.summary svg rect.bar': ['display'],
  'td.num': ['border-top-width', 'padding-left', 'text-align'],
};

async function probe(page) {
  return page.evaluate((probes) => {
    const root = document.querySelector('plan-lookup').shadowRoot;
    const out = {};
    for (const [sel, props] of Object.entries(probes)) {
      const el = root.querySelector(sel);
      if (!el) throw new Error(`no ${sel}`);
      const cs = getComputedStyle(el);
      for (const p of props) out[`${sel} ${p}`] = cs.getPropertyValue(p);
    }
    return out;
  }, PROBES);
}

test('host page CSS does not leak in (only the documented custom properties theme it), nor widget CSS out', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block', viewport: { width: 1000, height: 800 } });
  const question = '?q=' + encodeURIComponent('行政复议由谁牵头');
  const answered = async (url) => {
    const page = await context.newPage();
    await page.goto(url);
    assert.equal(await widgetReady(page), 'ready');
    // Same question with a highlight, so every probed element exists.
    await typeQuestion(page, '行政复议由谁牵头');
    await page.locator('plan-lookup mark').first().waitFor();
    await page.locator('plan-lookup .summary svg rect').first().waitFor();
    return page;
  };
  const clean = await answered(env.server.url + question);
  const hostile = await answered(env.server.url + 'embed-example.html' + question);
  const a = await probe(clean);
  const b = await probe(hostile);
  const differ = Object.keys(a).filter((k) => a[k] !== b[k]).map((k) => `${k}: ${a[k]} vs ${b[k]}`);
  assert.deepEqual(differ, []);
  // The portal's theme colour did arrive, through --plan-lookup-accent.
  const accent = (page) => page.locator('plan-lookup button[type="submit"]').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(await accent(clean), 'rgb(11, 87, 208)');
  assert.equal(await accent(hostile), 'rgb(156, 28, 28)');
  // The widget is actually usable there: visible input, results on screen.
  assert.ok(await hostile.locator('plan-lookup input[type="search"]').isVisible());
  assert.ok((await hostile.locator('plan-lookup input[type="search"]').boundingBox()).width > 200);
  // And the widget's own rules (mark, button, h3) did not restyle the portal's elements.
  const portalP = await hostile.locator('main > p').evaluate((p) => [getComputedStyle(p).marginTop, getComputedStyle(p).backgroundColor]);
  assert.deepEqual(portalP, ['30px', 'rgb(255, 235, 59)']);
  await context.close();
});
