// The <plan-lookup> widget on the offline page: asking, grouping, highlights, suggestions,
// summary and chart, CSV, print, URL sharing, elder mode, narrow screens, loading and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowserAndServer, watchProblems, widgetReady, typeQuestion, statusText, copyOfWww, cleanup } from './helpers.mjs';

const env = useBrowserAndServer();

async function open(query = '', options = {}) {
  const context = await env.browser.newContext({ serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + query);
  assert.equal(await widgetReady(page), 'ready');
  return { context, page, problems };
}

/** What the engine itself answers, straight from the loaded lookup. */
function expected(page, q) {
  return page.evaluate((q) => document.querySelector('plan-lookup').lookup.ask(q), q);
}

test('a typed question is answered, grouped by place and role, with its units', async () => {
  const { context, page, problems } = await open();
  await typeQuestion(page, '区司法局牵头哪些任务');
  const want = await expected(page, '区司法局牵头哪些任务');
  assert.ok(want.results.length > 50);
  assert.match(await statusText(page), new RegExp(`找到 ${want.results.length} 条任务`));
  const w = page.locator('plan-lookup');
  // A long answer is rendered in steps: wait for the rest (see coldstart.test.mjs).
  assert.equal(await page.evaluate(() => document.querySelector('plan-lookup').rendered), true);
  assert.equal(await w.locator('article').count(), want.results.length);
  const places = await w.locator('section.place h3').allTextContents();
  assert.deepEqual(places.map((p) => p.replace(/（.*/, '')), [...new Set(want.results.map((r) => r.jurisdiction))]);
  const roles = (await w.locator('section.place h4').allTextContents()).join('|');
  assert.match(roles, /牵头（/);
  assert.match(roles, /列首位/);
  // Each measure: plan and path, number, full text, all units, the asked unit marked.
  const first = want.results[0];
  const art = w.locator('article').first();
  assert.equal(await art.locator('.text').textContent(), first.text);
  assert.ok((await art.locator('.where').textContent()).startsWith(first.plan));
  for (const u of [...first.lead, ...first.support, ...first.responsible]) assert.ok((await art.locator('dl.units').textContent()).includes(u));
  assert.ok((await w.locator('article .units .self').count()) > 0);
  // The question is in the URL.
  assert.equal(new URL(page.url()).searchParams.get('q'), '区司法局牵头哪些任务');
  assert.deepEqual(problems, []);
  await context.close();
});

test('matched words are highlighted; plan text is rendered as text, never as HTML', async () => {
  const { context, page } = await open();
  await typeQuestion(page, '营商环境');
  const marks = await page.locator('plan-lookup mark').allTextContents();
  assert.ok(marks.length > 5);
  for (const m of marks) assert.equal(m, '营商环境');
  // A document whose text looks like markup.
  const evil = '测试区方案\n一、总体要求\n1.防范<img src=x onerror="window.pwned=1">注入。加强审查。（牵头单位：区网信办）\n';
  await page.evaluate((t) => document.querySelector('plan-lookup').lookup.addDocument('evil.txt', t), evil);
  await page.evaluate(() => document.querySelector('plan-lookup').ask('区网信办牵头哪些任务'));
  assert.equal(await page.locator('plan-lookup article img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();
});

test('a shared link answers its question; back and forward move between answers', async () => {
  const { context, page } = await open('?q=' + encodeURIComponent('行政复议由谁牵头'));
  const w = page.locator('plan-lookup');
  await w.locator('article').first().waitFor();
  assert.equal(await w.locator('input[type="search"]').inputValue(), '行政复议由谁牵头');
  // Topic answer: per-unit summary table and a bar chart of the units that lead most.
  const want = await expected(page, '行政复议由谁牵头');
  assert.equal(await w.locator('.summary tbody tr').count(), want.summary.length);
  const bars = await w.locator('.summary svg rect.bar').count();
  assert.ok(bars > 0 && bars <= 10);
  assert.match(await w.locator('.summary svg title').textContent(), /牵头最多的单位：/);
  await typeQuestion(page, '普法');
  assert.equal(new URL(page.url()).searchParams.get('q'), '普法');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.question === '行政复议由谁牵头');
  assert.equal(await w.locator('input[type="search"]').inputValue(), '行政复议由谁牵头');
  await context.close();
});

test('unit suggestions while typing, chosen with the keyboard', async () => {
  const { context, page } = await open();
  const w = page.locator('plan-lookup');
  const input = w.locator('input[type="search"]');
  await input.focus();
  await input.pressSequentially('下陆区财政');
  const list = w.locator('[role="listbox"]');
  await list.waitFor({ state: 'visible' });
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const options = await list.locator('[role="option"]').allTextContents();
  assert.ok(options.some((o) => o.includes('区财政局')), options.join(' / '));
  await input.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  assert.ok(active);
  assert.equal(await list.locator(`#${active}`).getAttribute('aria-selected'), 'true');
  await input.press('Enter');
  await list.waitFor({ state: 'hidden' });
  const value = await input.inputValue();
  assert.match(value, /^下陆区.*财政局$/);
  const answer = await page.evaluate(() => document.querySelector('plan-lookup').answer);
  assert.equal(answer.question, value);
  assert.equal(answer.intent, 'unit');
  assert.equal(answer.place, '下陆区', 'the place typed before the unit is kept');
  assert.ok(answer.results.length > 0);
  await context.close();
});

test('CSV export: UTF-8 with BOM, one row per result, Excel-safe cells', async () => {
  const { context, page } = await open('', { acceptDownloads: true });
  await typeQuestion(page, '行政复议由谁牵头');
  const want = await expected(page, '行政复议由谁牵头');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('plan-lookup button.csv').click()]);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  const lines = text.trimEnd().split('\r\n');
  assert.match(lines[0], /^"地区","角色","单位","计划"/);
  // Quoted cells may contain line breaks, so count records by their first cell instead.
  const records = text.split(/\r\n(?=")/).filter((l) => l.trim());
  assert.equal(records.length, want.results.length + 1);
  assert.ok(text.includes(want.results[0].text.replace(/"/g, '""')));
  assert.match(download.suggestedFilename(), /\.csv$/);
  await context.close();
});

test('print view hides the controls and keeps the answer', async () => {
  const { context, page } = await open('?q=' + encodeURIComponent('区司法局牵头哪些任务'));
  const w = page.locator('plan-lookup');
  await w.locator('article').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await w.locator('form').evaluate((f) => getComputedStyle(f).display), 'none');
  assert.equal(await w.locator('.toolbar').evaluate((f) => getComputedStyle(f).display), 'none');
  assert.ok(await w.locator('article').first().isVisible());
  // Results off screen, which the screen skips until scrolled near, are laid out for print.
  const last = w.locator('ol.measures > li').last();
  assert.equal(await last.evaluate((li) => getComputedStyle(li).contentVisibility), 'visible');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await last.evaluate((li) => getComputedStyle(li).contentVisibility), 'auto');
  await context.close();
});

test('elder mode enlarges the text and is remembered', async () => {
  const { context, page } = await open();
  const w = page.locator('plan-lookup');
  const size = () => w.locator('.root').evaluate((r) => parseFloat(getComputedStyle(r).fontSize));
  const normal = await size();
  const toggle = w.locator('button.elder-toggle');
  await toggle.focus();
  await page.keyboard.press('Space');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.ok((await size()) >= normal * 1.25);
  await page.reload();
  await widgetReady(page);
  assert.equal(await w.locator('button.elder-toggle').getAttribute('aria-pressed'), 'true');
  assert.ok((await size()) >= normal * 1.25);
  await context.close();
});

test('works at 320 px: no sideways scrolling, controls usable', async () => {
  for (const elder of [false, true]) {
    const { context, page } = await open('?q=' + encodeURIComponent('行政复议由谁牵头'), { viewport: { width: 320, height: 640 } });
    const w = page.locator('plan-lookup');
    if (elder) await w.locator('button.elder-toggle').click();
    await w.locator('article').first().waitFor();
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= 320, `page is ${scroll}px wide at 320px (elder ${elder})`);
    const box = await w.locator('input[type="search"]').boundingBox();
    assert.ok(box.width >= 150 && box.x >= 0 && box.x + box.width <= 320, JSON.stringify(box));
    const submit = await w.locator('button[type="submit"]').boundingBox();
    assert.ok(submit.x + submit.width <= 320 && submit.height >= 24);
    await context.close();
  }
});

test('loading is announced, and bad or missing data files show a helpful error', async () => {
  // Hold the data file back to see the loading state.
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/data/plans.{bin,wasm}', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.server.url);
  const status = page.locator('plan-lookup [role="status"]');
  await page.waitForFunction(() => document.querySelector('plan-lookup').shadowRoot.querySelector('.status').textContent.includes('正在加载'));
  assert.equal(await status.evaluate((s) => s.classList.contains('loading')), true);
  assert.equal(await page.locator('plan-lookup input[type="search"]').isDisabled(), true);
  release();
  assert.equal(await widgetReady(page), 'ready');
  assert.equal(await page.locator('plan-lookup input[type="search"]').isDisabled(), false);
  await context.close();

  // A corrupted and a missing data file.
  const dir = copyOfWww();
  try {
    const bin = path.join(dir, 'data/plans.bin');
    const bytes = fs.readFileSync(bin);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(path.join(dir, 'data/corrupt.bin'), bytes);
    fs.writeFileSync(path.join(dir, 'data/stale.bin'), Buffer.concat([bytes.subarray(0, 4), Buffer.from([9, 0]), bytes.subarray(6)]));
    const { startServer } = await import('../../scripts/serve.mjs');
    const s2 = await startServer({ root: dir });
    try {
      for (const [src, want] of [
        ['data/corrupt.bin', /corrupted/],
        ['data/stale.bin', /format version 9/],
        ['data/missing.bin', /HTTP 404/],
      ]) {
        const ctx = await env.browser.newContext({ serviceWorkers: 'block' });
        const p = await ctx.newPage();
        await p.goto(s2.url + 'embed-example.html');
        await widgetReady(p);
        await p.evaluate((src) => document.querySelector('plan-lookup').setAttribute('src', src), src);
        const alert = p.locator('plan-lookup [role="alert"]');
        await alert.waitFor({ state: 'visible' });
        const text = await alert.textContent();
        assert.match(text, want);
        assert.match(text, /无法加载任务数据/);
        if (src !== 'data/missing.bin') assert.match(text, /scripts\/build-web|plan-lookup build/);
        assert.ok(await alert.locator('button.retry').isVisible());
        await ctx.close();
      }
    } finally {
      await s2.close();
    }
  } finally {
    cleanup(dir);
  }
});

test('a shared link shows the controls with its answer in one frame, or with the loading status once the data is slow', async () => {
  // Records whether the controls are displayed when the widget has just started (the element is
  // upgraded and connected when it is defined), at each frame, and at the answer event (where a
  // listener that measures the answer's layout must find it laid out).
  const record = () => {
    const displayed = () => {
      const root = document.querySelector('plan-lookup')?.shadowRoot?.querySelector('.root');
      return root ? getComputedStyle(root).display !== 'none' : null;
    };
    window.__seen = { frames: [] };
    customElements.whenDefined('plan-lookup').then(() => {
      window.__seen.started = { at: performance.now(), displayed: displayed() };
      const frame = () => {
        if (window.__seen.answer) return;
        window.__seen.frames.push({ at: performance.now(), displayed: displayed() });
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    document.addEventListener('plan-lookup-answer', () => (window.__seen.answer ??= { at: performance.now(), displayed: displayed() }));
  };
  const QUESTION = '?q=' + encodeURIComponent('行政复议由谁牵头');
  for (const [query, quiet] of [
    [QUESTION, true],
    ['', false], // no question: the controls and the loading status at once
    ['?q=' + encodeURIComponent('  '), false], // a blank question is none
  ]) {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    let release;
    const held = new Promise((r) => (release = r));
    await page.route('**/data/plans.{bin,wasm}', async (route) => {
      await held;
      await route.continue();
    });
    await page.addInitScript(record);
    await page.goto(env.server.url + query, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__seen?.started);
    assert.equal((await page.evaluate(() => window.__seen.started)).displayed, !quiet, `${JSON.stringify(query)}: controls at the start`);
    // The data still held back: the controls and the loading status show (after the quiet time).
    await page.waitForFunction(() => getComputedStyle(document.querySelector('plan-lookup').shadowRoot.querySelector('.root')).display !== 'none', null, { timeout: 3000 });
    assert.match(await page.evaluate(() => document.querySelector('plan-lookup').shadowRoot.querySelector('.status').textContent), /正在加载任务数据/);
    release();
    assert.equal(await widgetReady(page), 'ready');
    if (quiet) {
      await page.waitForFunction(() => window.__seen.answer);
      assert.equal((await page.evaluate(() => window.__seen.answer)).displayed, true);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }

  // Data at hand: no frame of controls without the answer, unless the quiet time ran out first.
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(record);
  await page.goto(env.server.url + QUESTION);
  await page.waitForFunction(() => window.__seen?.answer);
  const seen = await page.evaluate(() => window.__seen);
  const early = seen.frames.filter((f) => f.displayed && f.at < seen.started.at + 390);
  assert.deepEqual(early, [], 'a frame showed the controls without the answer');
  assert.equal(seen.answer.displayed, true);
  await context.close();
});

test('keyboard alone: skip link, question, examples, suggestions and toolbar', async () => {
  const { context, page } = await open();
  const focused = () =>
    page.evaluate(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      if (!a) return '';
      const tag = a.tagName.toLowerCase();
      return tag === 'input' ? `input[${a.type}]:` : `${tag}:${(a.textContent || '').trim().slice(0, 20)}`;
    });
  await page.keyboard.press('Tab');
  assert.match(await focused(), /^a:跳到查询/);
  // Tab on to the search box.
  for (let i = 0; i < 5 && !(await focused()).startsWith('input[search]'); i++) await page.keyboard.press('Tab');
  assert.match(await focused(), /^input\[search\]/);
  await page.keyboard.type('普法');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.question === '普法');
  // Tab to the first example question and press it with Enter.
  for (let i = 0; i < 6 && !(await focused()).startsWith('button:区司法局'); i++) await page.keyboard.press('Tab');
  assert.match(await focused(), /^button:区司法局/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.question.startsWith('区司法局'));
  // Every control is reachable: Tab through until the CSV button.
  for (let i = 0; i < 8 && !(await focused()).startsWith('button:导出 CSV'); i++) await page.keyboard.press('Tab');
  assert.match(await focused(), /^button:导出 CSV/);
  await context.close();
});

test('the reading is shown as chips a tap removes or changes; a count is shown large; 共同 is said', async () => {
  const { context, page, problems } = await open();
  const w = page.locator('plan-lookup');
  const asked = () => page.evaluate(() => document.querySelector('plan-lookup').answer);
  await typeQuestion(page, '区司法局负责哪些行政复议工作');
  let a = await asked();
  assert.equal(a.intent, 'unit');
  assert.deepEqual(a.keywords, ['行政复议']);
  const chips = await w.locator('.reading .chip').allTextContents();
  assert.ok(chips.some((c) => c.startsWith('单位') && c.includes('区司法局')), chips.join('|'));
  assert.ok(chips.some((c) => c.startsWith('主题') && c.includes('行政复议')), chips.join('|'));
  assert.ok(chips.some((c) => c.startsWith('角色')), chips.join('|'));
  // Removing the topic asks again without it.
  await w.getByRole('button', { name: '去掉主题：行政复议' }).click();
  await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.keywords.length === 0);
  a = await asked();
  assert.equal(a.intent, 'unit');
  assert.equal(a.unit, '区司法局');
  const all = a.results.length;
  // Changing the role to 牵头 narrows it to what the unit leads.
  await w.locator('.chip-role select').selectOption('lead');
  await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.role === 'lead');
  a = await asked();
  assert.ok(a.results.length > 0 && a.results.length < all);
  assert.equal(await page.evaluate(() => document.querySelector('plan-lookup').answer.question), await w.locator('input[type="search"]').inputValue());
  // A count question: the number first, large.
  await typeQuestion(page, '区司法局牵头多少项任务');
  a = await asked();
  assert.ok(a.count > 0);
  assert.equal((await w.locator('.count-big strong').textContent()).trim(), String(a.count));
  // Several units: the measures they share, said as 共同.
  await typeQuestion(page, '区司法局和区法院共同负责哪些任务');
  a = await asked();
  assert.equal(a.combine, 'all');
  assert.ok(a.results.length > 0 && a.results.every((r) => r.shared.length === 2));
  assert.match((await w.locator('section.place h4').first().textContent()) ?? '', /^共同/);
  assert.match(await statusText(page), /共同/);
  // Words the grammar cannot place are shown, and do not filter.
  await typeQuestion(page, '区司法局牵头的呜啦啦任务');
  a = await asked();
  assert.deepEqual(a.unknown, ['呜啦啦']);
  assert.match(await w.locator('.chip-unknown').textContent(), /呜啦啦（未用作筛选）/);
  assert.deepEqual(problems, []);
  await context.close();
});
