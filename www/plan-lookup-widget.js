// plan-lookup-widget.js: the <plan-lookup> custom element for portals.
//
//   <script type="module" src="/plan-lookup/plan-lookup-widget.js"></script>
//   <plan-lookup src="/plan-lookup/data/plans.bin"></plan-lookup>
//
// Attributes:
//   src          URL of the data file (required; built by scripts/build-web or `plan-lookup build`)
//   examples     example questions separated by "|" (default: a few useful ones)
//   url-param    query-string parameter that keeps the question in the URL (default "q";
//                url-param="" turns it off, e.g. for a second widget on one page)
//   wasm         URL of plan_lookup_query_bg.wasm, the query module (default: pkg/ next to this file)
//   full-wasm    URL of plan_lookup_bg.wasm, the module with the document reader, fetched on the
//                first addDocument (default: pkg/ next to this file)
//   place        sharded builds (src = a manifest.bin of `plan-lookup build --shards`): the
//                place(s) to load, e.g. place="资阳区" or "资阳区|下陆区"; other places are
//                fetched when a question names them
//
// Theming (CSS custom properties, set them on plan-lookup or any ancestor):
//   --plan-lookup-font         font-family            --plan-lookup-font-size   base size (16px)
//   --plan-lookup-fg           text colour            --plan-lookup-muted       secondary text
//   --plan-lookup-bg           background             --plan-lookup-surface     cards, table heads
//   --plan-lookup-border       lines                  --plan-lookup-accent      buttons, bars, focus
//   --plan-lookup-accent-text  text on accent         --plan-lookup-mark        highlight background
//   --plan-lookup-radius       corner radius
//
// Everything lives in a Shadow DOM: page CSS cannot reach inside, and the widget's CSS cannot
// leak out. No inline scripts or styles (works under `default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'`). Plan text is untrusted and only ever set as textContent.
//
// Events: `plan-lookup-ready` (detail: info()), `plan-lookup-answer` (detail: the answer),
// `plan-lookup-error` (detail: the error). Properties: `lookup` (the PlanLookup), `answer`,
// `rendered`; method `ask(q)`.
//
// Fast first answer: a long answer is rendered in steps. `plan-lookup-answer` fires once the
// status (with the full count), the summary and the first FIRST_ITEMS results are in the DOM; the
// rest follow after the next paint. `rendered` is a promise that resolves to true once the
// answer is in the DOM in full (false if a newer answer or a failed load replaced it first), and
// the results container (`.results`) has a `data-complete` attribute whenever nothing is left to
// render. Reading `answer`, printing and a new question finish or cancel the pending steps, so
// nothing stale is ever mixed in. The unit directory behind the suggestions is read from the
// lookup only when first needed (typing, or idle time after the answer).

import { PlanLookup } from './plan-lookup.js';
import { renderReading } from './plan-lookup-reading.js';

const DEFAULT_EXAMPLES = ['区司法局牵头哪些任务？', '行政复议由谁牵头？', '下陆区财政局参与哪些任务？', '营商环境'];

/** Every Chinese label of a machine name, from the query module (PlanLookup.LABELS): role
 * headings and short forms, role families, the parts of a reading. Read once a lookup has
 * loaded; answers are only rendered after that. */
const labels = () => PlanLookup.LABELS;

const CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: var(--plan-lookup-font, system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif);
  font-size: var(--plan-lookup-font-size, 16px);
  line-height: 1.6;
  color: var(--plan-lookup-fg, #1f2328);
  background: var(--plan-lookup-bg, #ffffff);
  text-align: start;
  overflow-wrap: anywhere;
  min-width: 0;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.root.elder { font-size: calc(var(--plan-lookup-font-size, 16px) * 1.3); line-height: 1.8; }
h2, h3, h4, h5, p, ol, ul, dl, dd, figure, table { margin: 0; padding: 0; }
h2 { font-size: 1.15em; margin: 1em 0 .5em; }
h3 { font-size: 1.1em; margin: 1em 0 .4em; padding-bottom: .2em; border-bottom: 2px solid var(--plan-lookup-accent, #0b57d0); }
h4 { font-size: 1em; margin: .8em 0 .4em; color: var(--plan-lookup-muted, #4d5561); }
h5 { font-size: 1em; margin: 0 0 .3em; }
button, input { font: inherit; color: inherit; letter-spacing: normal; text-transform: none; }
button {
  cursor: pointer; border-radius: var(--plan-lookup-radius, 8px); border: 1px solid var(--plan-lookup-border, #8c959f);
  background: var(--plan-lookup-surface, #f6f8fa); padding: .35em .8em; min-height: 2.5em; margin: 0; width: auto; height: auto;
  text-decoration: none; box-shadow: none; display: inline-block; line-height: 1.3; float: none;
}
button:hover { border-color: var(--plan-lookup-accent, #0b57d0); }
button.primary { background: var(--plan-lookup-accent, #0b57d0); color: var(--plan-lookup-accent-text, #ffffff); border-color: var(--plan-lookup-accent, #0b57d0); }
button[aria-pressed="true"] { background: var(--plan-lookup-accent, #0b57d0); color: var(--plan-lookup-accent-text, #ffffff); }
button:disabled { opacity: .55; cursor: not-allowed; }
:focus-visible, .option.active { outline: 3px solid var(--plan-lookup-accent, #0b57d0); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
form { display: flex; flex-wrap: wrap; gap: .5em; align-items: flex-end; margin: 0; }
label.q { flex: 1 0 100%; font-weight: 600; }
.combo { position: relative; flex: 1 1 12em; min-width: 0; }
input[type="search"] {
  display: block; width: 100%; min-height: 2.75em; padding: .4em .7em; border: 2px solid var(--plan-lookup-border, #8c959f);
  border-radius: var(--plan-lookup-radius, 8px); background: var(--plan-lookup-bg, #ffffff); margin: 0; box-shadow: none;
}
input[type="search"]:focus { border-color: var(--plan-lookup-accent, #0b57d0); }
[role="listbox"] {
  position: absolute; z-index: 10; left: 0; right: 0; top: 100%; margin: .2em 0 0; padding: .2em; list-style: none;
  background: var(--plan-lookup-bg, #ffffff); border: 1px solid var(--plan-lookup-border, #8c959f);
  border-radius: var(--plan-lookup-radius, 8px); box-shadow: 0 6px 18px rgba(0,0,0,.15); max-height: 18em; overflow-y: auto;
}
[role="listbox"][hidden] { display: none; }
.option { padding: .4em .6em; border-radius: 6px; cursor: pointer; display: flex; flex-wrap: wrap; gap: 0 .6em; }
.option:hover { background: var(--plan-lookup-surface, #f6f8fa); }
.option .place, .option .count { color: var(--plan-lookup-muted, #4d5561); font-size: .9em; }
.examples { margin: .6em 0 0; display: flex; flex-wrap: wrap; gap: .4em; align-items: center; }
.examples span { color: var(--plan-lookup-muted, #4d5561); }
.examples button { font-size: .9em; min-height: 2.2em; }
.toolbar { display: flex; flex-wrap: wrap; gap: .4em; margin: .8em 0 0; }
.status { margin: .8em 0 0; color: var(--plan-lookup-muted, #4d5561); min-height: 1.6em; }
.loading::before {
  content: ""; display: inline-block; width: .9em; height: .9em; margin-inline-end: .5em; vertical-align: -.1em;
  border: 2px solid var(--plan-lookup-border, #8c959f); border-top-color: var(--plan-lookup-accent, #0b57d0); border-radius: 50%;
  animation: spin 1s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .loading::before { animation: none; } }
.error { margin: .8em 0 0; padding: .8em; border: 2px solid #b3261e; border-radius: var(--plan-lookup-radius, 8px); background: #fdecea; color: #5f1410; }
.error[hidden], section[hidden], .toolbar[hidden] { display: none; }
.error p { margin: 0 0 .5em; }
.error .detail { font-size: .85em; color: #5f1410; }
.error .detail:empty { display: none; }
.message { margin: .8em 0 0; }
.suggest { display: flex; flex-wrap: wrap; gap: .4em; margin: .4em 0 0; }
.reading { display: flex; flex-wrap: wrap; gap: .4em; margin: .4em 0; }
.chip {
  display: inline-flex; align-items: center; gap: .25em; padding: .1em .2em .1em .6em; min-height: 2.5em;
  border: 1px solid var(--plan-lookup-border, #8c959f); border-radius: 1.3em; background: var(--plan-lookup-surface, #f6f8fa);
}
.chip .k { color: var(--plan-lookup-muted, #4d5561); font-size: .85em; }
.chip button.x { min-height: 2.2em; min-width: 2.2em; padding: 0; border-radius: 50%; border-color: transparent; background: transparent; }
.chip select { font: inherit; min-height: 2.2em; border-radius: 6px; border: 1px solid var(--plan-lookup-border, #8c959f); background: var(--plan-lookup-bg, #ffffff); color: inherit; }
.chip-unknown { border-color: #9a6700; background: #fff8c5; color: #4d2d00; padding-inline-end: .6em; }
.count-big { margin: .2em 0; font-size: 1.1em; }
.count-big strong { font-size: 2.4em; line-height: 1.1; color: var(--plan-lookup-accent, #0b57d0); margin-inline-end: .1em; }
.shared { color: var(--plan-lookup-muted, #4d5561); font-size: .95em; margin: .2em 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { border: 1px solid var(--plan-lookup-border, #8c959f); padding: .3em .5em; text-align: start; vertical-align: top; }
thead th { background: var(--plan-lookup-surface, #f6f8fa); }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
figure { margin: .8em 0 0; }
figcaption { font-weight: 600; margin-bottom: .3em; }
svg { display: block; width: 100%; height: auto; max-width: 40em; }
svg .bar { fill: var(--plan-lookup-accent, #0b57d0); }
svg text { fill: var(--plan-lookup-fg, #1f2328); font-size: 13px; font-family: inherit; }
ol.measures { list-style: none; padding: 0; margin: 0; }
ol.measures > li { margin: 0 0 .8em; }
article {
  border: 1px solid var(--plan-lookup-border, #8c959f); border-radius: var(--plan-lookup-radius, 8px);
  padding: .7em .9em; background: var(--plan-lookup-bg, #ffffff);
}
.num-badge { display: inline-block; margin-inline-end: .4em; padding: 0 .4em; border-radius: 4px; background: var(--plan-lookup-surface, #f6f8fa); border: 1px solid var(--plan-lookup-border, #8c959f); font-size: .85em; font-weight: 400; }
.where { color: var(--plan-lookup-muted, #4d5561); font-size: .9em; margin: 0 0 .4em; }
.text { margin: 0 0 .5em; }
.via { margin: 0 0 .4em; font-size: .9em; }
dl.units { display: grid; grid-template-columns: max-content 1fr; gap: .1em .6em; font-size: .92em; }
dl.units dt { font-weight: 600; }
dl.units dd { margin: 0; }
.units .self { font-weight: 700; text-decoration: underline; }
mark { background: var(--plan-lookup-mark, #ffe58a); color: inherit; padding: 0 .05em; border-radius: 2px; }
footer { margin: 1em 0 0; font-size: .85em; color: var(--plan-lookup-muted, #4d5561); }
@media (max-width: 480px) {
  dl.units { grid-template-columns: 1fr; }
  article { padding: .6em; }
}
@media print {
  form, .examples, .toolbar, .error, [role="listbox"] { display: none !important; }
  .root { font-size: 11pt; color: #000; background: #fff; }
  article { break-inside: avoid; border-color: #999; }
  h3 { break-after: avoid; }
}
`;

/** Result items rendered before `plan-lookup-answer` fires (about a screenful), and per later step. */
const FIRST_ITEMS = 20;
const LATER_ITEMS = 100;

/** Runs `fn` once the browser is idle (requestIdleCallback; a short timeout where there is none). */
export function whenIdle(fn, timeout = 2000) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout });
  else setTimeout(fn, 50);
}

/** Runs `fn` in a task after the next frame is painted (or after 100 ms when no frame comes,
 * e.g. in a hidden tab), so what is in the DOM now reaches the screen first. */
function afterPaint(fn) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 100);
}

let sheet = null;
function adoptStyles(shadow) {
  if ('adoptedStyleSheets' in Document.prototype && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    shadow.adoptedStyleSheets = [sheet];
  } else {
    // Older browsers: a <style> element (needs style-src 'unsafe-inline' under a strict CSP).
    const style = document.createElement('style');
    style.textContent = CSS;
    shadow.appendChild(style);
  }
}

/** Offers `blob` as a download named `name`. */
export function saveFile(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/** Creates an element: el('p', {class: 'x'}, 'text', child…). Text is always set as text. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v == null) continue;
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) {
    if (c == null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text != null) node.textContent = String(text);
  return node;
}

/** `text` with the char ranges of `highlights` (code-point offsets) wrapped in <mark>. */
export function highlighted(text, highlights) {
  const frag = document.createDocumentFragment();
  const chars = Array.from(text);
  const ranges = highlights
    .map((h) => [Math.max(0, h.start), Math.min(chars.length, h.end)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let pos = 0;
  for (const [s0, e] of ranges) {
    const s = Math.max(s0, pos);
    if (e <= s) continue;
    if (s > pos) frag.append(chars.slice(pos, s).join(''));
    frag.append(el('mark', null, chars.slice(s, e).join('')));
    pos = e;
  }
  if (pos < chars.length) frag.append(chars.slice(pos).join(''));
  return frag;
}

/** Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
 * (OWASP "CSV injection"), plus line breaks and the full-width forms a CJK input method may
 * turn into them. */
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/u;

/** One CSV cell, quoted, with formula-looking text defused (a leading ') for spreadsheet programs. */
export function csvCell(value) {
  let s = value == null ? '' : String(value);
  if (FORMULA_START.test(s)) s = "'" + s;
  return '"' + s.replace(/"/g, '""') + '"';
}

/** The short role labels, or none (roles then stay machine names) when this copy of the module
 * has not loaded a lookup yet, as when a script imports answerToCsv on its own. */
function roleLabelsIfLoaded() {
  try {
    return labels().roleShort;
  } catch {
    return {};
  }
}

/** The answer as CSV text (UTF-8 BOM, CRLF) that Excel opens with the Chinese intact. */
export function answerToCsv(answer, roleLabels = roleLabelsIfLoaded()) {
  const header = ['地区', '角色', '单位', '计划', '章节', '编号', '序号', '标题', '全文', '牵头单位', '参加/配合单位', '责任单位', '通过统称'];
  const rows = [header];
  for (const r of answer.results) {
    rows.push([
      r.jurisdiction,
      roleLabels[r.role] ?? r.role,
      r.unit ?? '',
      r.plan,
      r.path.join(' › '),
      r.number ?? '',
      r.seq,
      r.title,
      r.text,
      r.lead.join('、'),
      r.support.join('、'),
      r.responsible.join('、'),
      r.via ?? '',
    ]);
  }
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A place name without its level character: 下陆区 → 下陆 (as people type it). */
function placeStem(place) {
  const chars = Array.from(place);
  return chars.length > 2 ? chars.slice(0, -1).join('') : place;
}

/** Units of the directory matching the end of what is typed, best first (units of a place
 * named just before the match first). */
export function suggestUnits(units, typed, limit = 8) {
  const value = typed.replace(/\s+$/u, '');
  if (!value) return [];
  const chars = Array.from(value);
  const scored = [];
  for (const u of units) {
    let best = 0;
    let bestLen = 0;
    for (const form of [u.name, ...u.aliases]) {
      // Longest suffix of the typed text that occurs in the name form.
      for (let n = Math.min(chars.length, Array.from(form).length); n > best; n--) {
        const suffix = chars.slice(chars.length - n).join('');
        const at = form.indexOf(suffix);
        if (at >= 0) {
          best = n;
          bestLen = at === 0 ? 1 : 0;
          break;
        }
      }
    }
    const min = chars.length === 1 ? 1 : 2;
    if (best >= min) {
      const weight = u.lead + u.responsible_first + u.support + u.responsible;
      const head = chars.slice(0, chars.length - best).join('');
      const inPlace = head.includes(u.place) || head.endsWith(placeStem(u.place)) ? 1 : 0;
      scored.push({ unit: u, suffix: best, score: inPlace * 100000 + best * 1000 + bestLen * 500 + Math.min(weight, 499) });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit);
}

/** What went wrong loading the data file, in words for readers (the widget shows the
 * technical message below it), from the PlanLookupError's `code` and, for data files, `reason`. */
function loadProblem(e) {
  const code = e && e.code;
  const msg = String((e && e.message) || e);
  if (code === 'config') return msg;
  if (code === 'network') {
    return navigator.onLine === false
      ? '当前处于离线状态，且本机尚未缓存数据。请联网后点“重试”。'
      : '数据文件下载失败（网络中断，或文件地址有误）。请检查网络后点“重试”；若仍失败，请告知网站管理员。';
  }
  if (code === 'data') {
    const what =
      {
        truncated: '数据文件不完整（下载或复制中断）',
        version: '数据文件的版本与本查询程序不符',
        'not-a-data-file': '收到的不是任务数据文件（可能是网站返回的错误页面）',
        'wrong-kind': '数据文件的类型不对（分片清单与单个数据文件用错了地方）',
        'shard-mismatch': '数据文件来自两次不同的生成（部署未完成）',
      }[e.reason] ?? '数据文件已损坏';
    return `${what}。请点“重试”；若仍失败，请告知网站管理员重新生成数据文件。`;
  }
  if (code === 'wasm') return '浏览器未能加载查询程序（WebAssembly）。请刷新页面，或换用较新的浏览器。';
  return '出现意外错误。请点“重试”；若仍失败，请告知网站管理员。';
}

let instances = 0;

export class PlanLookupElement extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'place'];
  }

  constructor() {
    super();
    this._id = `pl${++instances}`;
    this.lookup = null;
    this._answer = null;
    /** The unit directory {units, nameCount}, read on first use (see _directory). */
    this._dir = null;
    /** The render still in progress: {steps, resolve} (see _renderResults). */
    this._job = null;
    this.rendered = Promise.resolve(true);
    this._options = [];
    this._active = -1;
    this._loadSeq = 0;
    /** Data-file bytes given by setData(), used instead of `src`. */
    this._data = null;
    const shadow = this.attachShadow({ mode: 'open' });
    adoptStyles(shadow);
    this._build(shadow);
  }

  connectedCallback() {
    if (!this._started) {
      this._started = true;
      this._onPop = () => this._askFromUrl();
      this._onBeforePrint = () => this._finishRender();
      window.addEventListener('popstate', this._onPop);
      window.addEventListener('beforeprint', this._onBeforePrint);
      this._load();
      // After _load has started the downloads: the first localStorage read of a page can take
      // a few ms (and this is still before the first paint).
      this._restoreElder();
    }
  }

  disconnectedCallback() {
    if (this._onPop) window.removeEventListener('popstate', this._onPop);
    if (this._onBeforePrint) window.removeEventListener('beforeprint', this._onBeforePrint);
    this._started = false;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if ((name === 'src' || name === 'place') && this._started && oldValue !== newValue) this._load();
  }

  /** Shows a data file's bytes already at hand (a Uint8Array, e.g. what the builder page just
   * made) instead of the `src` file; null goes back to `src`. */
  setData(bytes) {
    this._data = bytes == null ? null : bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (this._started) this._load();
  }

  /** The answer on screen. Reading it finishes rendering it, so all of it is in the DOM. */
  get answer() {
    this._finishRender();
    return this._answer;
  }

  get urlParam() {
    return this.hasAttribute('url-param') ? this.getAttribute('url-param') : 'q';
  }

  _build(shadow) {
    const id = this._id;
    const root = el('div', { class: 'root', lang: 'zh-CN', part: 'root' });
    this._root = root;

    const input = el('input', {
      id: `${id}-q`,
      type: 'search',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${id}-list`,
      autocomplete: 'off',
      enterkeyhint: 'search',
      placeholder: '单位、主题或关键词，如：区司法局牵头哪些任务',
      disabled: true,
    });
    const list = el('ul', { id: `${id}-list`, role: 'listbox', 'aria-label': '单位建议', hidden: true });
    const submit = el('button', { type: 'submit', class: 'primary', disabled: true }, '查询');
    const form = el(
      'form',
      { role: 'search', 'aria-label': '查询法治政府建设任务' },
      el('label', { class: 'q', for: `${id}-q` }, '查询任务：输入单位、主题或关键词'),
      el('div', { class: 'combo' }, input, list),
      submit,
    );
    const examples = el('div', { class: 'examples', role: 'group', 'aria-label': '示例问题' }, el('span', null, '试试：'));
    const elder = el('button', { type: 'button', 'aria-pressed': 'false', class: 'elder-toggle' }, '长者模式（大字）');
    const csv = el('button', { type: 'button', class: 'csv', disabled: true }, '导出 CSV');
    const print = el('button', { type: 'button', class: 'print', disabled: true }, '打印');
    const toolbar = el('div', { class: 'toolbar', role: 'group', 'aria-label': '显示与导出' }, elder, csv, print);
    const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const retry = el('button', { type: 'button', class: 'retry' }, '重试');
    const errorText = el('p', { class: 'lead' });
    const errorDetail = el('p', { class: 'detail' });
    const error = el('div', { class: 'error', role: 'alert', hidden: true }, errorText, errorDetail, retry);
    const message = el('div', { class: 'message' });
    const summary = el('section', { class: 'summary', hidden: true, 'aria-labelledby': `${id}-sum-h` });
    const results = el('section', { class: 'results', 'aria-labelledby': `${id}-res-h`, 'data-complete': true });
    const footer = el('footer');
    root.append(form, examples, toolbar, status, error, message, summary, results, footer);
    shadow.append(root);

    Object.assign(this, { _input: input, _list: list, _submit: submit, _examples: examples, _elder: elder, _csv: csv, _print: print, _status: status, _error: error, _errorText: errorText, _errorDetail: errorDetail, _retry: retry, _message: message, _summary: summary, _results: results, _footer: footer });

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._closeList();
      this.ask(input.value, { push: true });
    });
    input.addEventListener('input', () => this._updateSuggestions());
    input.addEventListener('focus', () => whenIdle(() => this._directory()));
    input.addEventListener('keydown', (e) => this._onKey(e));
    input.addEventListener('blur', () => setTimeout(() => this._closeList(), 150));
    list.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the input
    list.addEventListener('click', (e) => {
      const li = e.target.closest('[role="option"]');
      if (li) this._pick(Number(li.dataset.index));
    });
    retry.addEventListener('click', () => this._load());
    elder.addEventListener('click', () => this._setElder(elder.getAttribute('aria-pressed') !== 'true'));
    csv.addEventListener('click', () => this.downloadCsv());
    print.addEventListener('click', () => {
      this._finishRender();
      window.print();
    });
  }

  /** Elder mode as the reader last left it (or as the `elder` attribute asks). */
  _restoreElder() {
    let stored = null;
    try {
      stored = localStorage.getItem('plan-lookup-elder');
    } catch {
      /* storage may be blocked */
    }
    this._setElder(stored === '1' || this.hasAttribute('elder'), false);
  }

  _setElder(on, remember = true) {
    this._elder.setAttribute('aria-pressed', on ? 'true' : 'false');
    this._root.classList.toggle('elder', on);
    if (remember) {
      try {
        localStorage.setItem('plan-lookup-elder', on ? '1' : '0');
      } catch {
        /* ignore */
      }
    }
  }

  _renderExamples() {
    const list = (this.getAttribute('examples') || '').split('|').map((s) => s.trim()).filter(Boolean);
    const qs = list.length ? list : DEFAULT_EXAMPLES;
    this._examples.replaceChildren(el('span', null, '试试：'));
    for (const q of qs) {
      const b = el('button', { type: 'button' }, q);
      b.addEventListener('click', () => {
        this._input.value = q;
        this.ask(q, { push: true });
      });
      this._examples.append(b);
    }
  }

  _setStatus(text, loading = false) {
    this._status.textContent = text;
    this._status.classList.toggle('loading', loading);
  }

  _setControls(enabled) {
    for (const b of [this._input, this._submit, ...this._examples.querySelectorAll('button')]) b.disabled = !enabled;
  }

  /** (Re)loads the data file named by `src`. While an error is shown it stays on screen, with
   * the retry button busy, until the new attempt succeeds or fails. */
  async _load() {
    const seq = ++this._loadSeq;
    const src = this.getAttribute('src');
    const retrying = this.shadowRoot.activeElement === this._retry;
    this._retry.disabled = true;
    this._retry.textContent = '正在重试…';
    this._renderExamples();
    this._setControls(false);
    if (!src && !this._data) {
      this._fail(Object.assign(new Error('缺少 src 属性：请写成 <plan-lookup src="data/plans.bin">，指向 plan-lookup build 生成的数据文件。'), { code: 'config' }), retrying);
      return;
    }
    this._setStatus('正在加载任务数据…', true);
    this._results.setAttribute('aria-busy', 'true');
    try {
      const options = {
        wasmUrl: this.getAttribute('wasm') || undefined,
        fullWasmUrl: this.getAttribute('full-wasm') || undefined,
        place: this.getAttribute('place') || undefined,
      };
      const lookup = this._data
        ? await PlanLookup.fromBytes(this._data, options)
        : await PlanLookup.load(new URL(src, document.baseURI), options);
      if (seq !== this._loadSeq) return;
      this.lookup = lookup;
      const { info, places } = this._refresh();
      this._error.hidden = true;
      this._setControls(true);
      this._results.removeAttribute('aria-busy');
      this._setStatus(`已加载 ${info.measures} 条任务（${places.length} 个地区），请输入问题。`);
      // The retry button just disappeared: keep keyboard focus in the widget.
      if (retrying) this._input.focus();
      // An answer on screen came from the data loaded before: ask its question again.
      const again = this._answer ? this._answer.question : null;
      this._answer = null;
      this.dispatchEvent(new CustomEvent('plan-lookup-ready', { detail: info, bubbles: true, composed: true }));
      this._askFromUrl();
      if (!this._answer && again != null) this.ask(again);
      // The suggestions' directory, read while the reader looks at the answer.
      whenIdle(() => this._directory());
    } catch (e) {
      if (seq !== this._loadSeq) return;
      this._fail(e, retrying);
    }
  }

  /** Shows the data summary of the current lookup and drops the unit directory read from the
   * data before (it is read again when next needed). */
  _refresh() {
    this._dir = null;
    const info = this.lookup.info();
    const places = [...new Set(info.documents.flatMap((d) => d.plans.map((p) => p.jurisdiction)))];
    this._footer.textContent = `数据版本 ${info.dataVersion ?? '（本地添加）'} · ${info.documents.length} 份文件 · ${info.measures} 条任务 · ${places.join('、')}`;
    return { info, places };
  }

  /** The unit directory of the current lookup, for the suggestions: {units, nameCount} (how
   * many places have a unit of each name). Read on first use, because converting the whole
   * directory to JS objects is a good part of a cold start and the first answer never needs it. */
  _directory() {
    if (!this._dir && this.lookup) {
      const units = this.lookup.units();
      const nameCount = new Map();
      for (const u of units) nameCount.set(u.name, (nameCount.get(u.name) || 0) + 1);
      this._dir = { units, nameCount };
    }
    return this._dir ?? { units: [], nameCount: new Map() };
  }

  /** Shows why loading failed (in words for readers, then the technical message for the web
   * team) with a retry button, and drops any data and answer of an earlier load. */
  _fail(e, focusRetry = false) {
    this.lookup = null;
    this._answer = null;
    this._dir = null;
    this._cancelRender();
    this._closeList();
    for (const part of [this._message, this._summary, this._results]) part.replaceChildren();
    this._summary.hidden = true;
    this._footer.textContent = '';
    this._csv.disabled = true;
    this._print.disabled = true;
    this._results.removeAttribute('aria-busy');
    this._setStatus('加载失败。');
    this._errorText.textContent = `无法加载任务数据：${loadProblem(e)}`;
    this._errorDetail.textContent = e && e.code !== 'config' ? `技术信息：${e.message || e}` : '';
    this._retry.disabled = false;
    this._retry.textContent = '重试';
    this._error.hidden = false;
    if (focusRetry) this._retry.focus();
    this.dispatchEvent(new CustomEvent('plan-lookup-error', { detail: e, bubbles: true, composed: true }));
  }

  _askFromUrl() {
    const p = this.urlParam;
    if (!p || !this.lookup) return;
    const q = new URL(location.href).searchParams.get(p);
    if (q != null && q !== (this._answer && this._answer.question)) {
      this._input.value = q;
      this.ask(q, { push: false });
    }
  }

  /** Sharded builds: fetches the shards of places the question names, then answers it again. */
  _loadPlacesFor(q) {
    const lookup = this.lookup;
    lookup.loadPlacesFor(q).then(
      (loaded) => {
        if (!loaded.length || this.lookup !== lookup) return;
        this._refresh();
        if (this._answer && this._answer.question === q) this.ask(q);
      },
      (e) => {
        if (this.lookup !== lookup) return;
        this._message.replaceChildren(el('p', { class: 'error', role: 'alert' }, `无法加载该地区的数据：${e && e.message ? e.message : e}`));
      },
    );
  }

  /** Asks a question, renders the answer and returns it (null while data is not loaded). */
  ask(question, { push = false } = {}) {
    if (!this.lookup) return null;
    const q = String(question).trim();
    if (this.lookup.sharded) this._loadPlacesFor(q);
    let answer;
    try {
      answer = this.lookup.ask(q);
    } catch (e) {
      // The data stays loaded: say why this question failed and let the reader ask another.
      this._message.replaceChildren(el('p', { class: 'error', role: 'alert' }, `无法回答这个问题：${e && e.message ? e.message : e}`));
      this._setStatus('查询失败。');
      return null;
    }
    this._answer = answer;
    this._render(answer);
    const p = this.urlParam;
    if (p) {
      const url = new URL(location.href);
      if (q) url.searchParams.set(p, q);
      else url.searchParams.delete(p);
      if (url.href !== location.href) history[push ? 'pushState' : 'replaceState'](history.state, '', url);
    }
    this.dispatchEvent(new CustomEvent('plan-lookup-answer', { detail: answer, bubbles: true, composed: true }));
    return answer;
  }

  _render(a) {
    const n = a.results.length;
    this._csv.disabled = n === 0;
    this._print.disabled = n === 0;
    this._message.replaceChildren();
    if (a.count != null) {
      this._message.append(el('p', { class: 'count-big' }, el('strong', null, String(a.count)), ` 项${a.combine === 'all' ? '（共同）' : ''}`));
    }
    const reading = renderReading(a, labels(), el, (q) => {
      this._input.value = q;
      this.ask(q, { push: true });
    });
    if (reading) this._message.append(reading);
    if (a.message) this._message.append(el('p', null, a.message));
    if (a.suggestions.length) {
      const box = el('div', { class: 'suggest', role: 'group', 'aria-label': '建议的问题' });
      for (const s of a.suggestions) {
        const b = el('button', { type: 'button' }, s);
        b.addEventListener('click', () => {
          this._input.value = s;
          this.ask(s, { push: true });
        });
        box.append(b);
      }
      this._message.append(box);
    }
    this._renderSummary(a);
    this._renderResults(a);
    this._setStatus(n ? `找到 ${n} 条任务${this._describe(a)}。` : a.intent === 'empty' ? '请输入问题。' : `没有找到任务${this._describe(a)}。`);
  }

  _describe(a) {
    const parts = [];
    if (a.place) parts.push(a.place);
    if (a.unit) parts.push(a.unit);
    if (a.topic) parts.push(`主题“${a.topic}”`);
    else if (!a.unit && a.keywords.length) parts.push(`关键词“${a.keywords.join('”“')}”`);
    if (a.role && a.intent !== 'keyword') parts.push(labels().familyShort[a.role] ?? a.role);
    if (a.combine && a.units.length > 1) parts.push(labels().combine[a.combine]);
    return parts.length ? `（${parts.join('，')}）` : '';
  }

  _renderSummary(a) {
    const s = this._summary;
    s.replaceChildren();
    if (!a.summary.length) {
      s.hidden = true;
      return;
    }
    s.hidden = false;
    const hid = `${this._id}-sum-h`;
    s.append(el('h2', { id: hid }, a.intent === 'unit' ? '按单位统计' : '涉及的单位（按角色计数）'));
    const cols = ['lead', 'responsible_first', 'support', 'responsible', 'collective'].map((r) => [r, labels().roleShort[r]]);
    const table = el('table', null, el('caption', { class: 'sr-only' }, '各单位在本次结果中的任务数，按角色'));
    table.append(el('thead', null, el('tr', null, el('th', { scope: 'col' }, '单位'), el('th', { scope: 'col' }, '地区'), ...cols.map(([, l]) => el('th', { scope: 'col' }, l)))));
    const body = el('tbody');
    for (const r of a.summary) {
      body.append(el('tr', null, el('th', { scope: 'row' }, r.unit), el('td', null, r.place), ...cols.map(([k]) => el('td', { class: 'num' }, r[k]))));
    }
    table.append(body);
    s.append(el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': '统计表' }, table));

    // Bar chart: the units that lead most (牵头 + 列首位).
    const leaders = a.summary
      .map((r) => ({ label: a.summary.some((o) => o !== r && o.unit === r.unit) ? `${r.unit}（${r.place}）` : r.unit, n: r.lead + r.responsible_first }))
      .filter((r) => r.n > 0)
      .sort((x, y) => y.n - x.n)
      .slice(0, 10);
    if (!leaders.length) return;
    const max = leaders[0].n;
    const rowH = 26;
    const labelW = 210;
    const barW = 300;
    const height = leaders.length * rowH + 8;
    const cid = `${this._id}-chart`;
    const svg = svgEl('svg', { viewBox: `0 0 ${labelW + barW + 50} ${height}`, role: 'img', 'aria-labelledby': `${cid}-t` });
    svg.append(svgEl('title', { id: `${cid}-t` }, `牵头最多的单位：${leaders.map((l) => `${l.label} ${l.n} 项`).join('，')}`));
    leaders.forEach((l, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(2, Math.round((l.n / max) * barW));
      const label = l.label.length > 15 ? l.label.slice(0, 14) + '…' : l.label;
      svg.append(svgEl('text', { x: labelW - 6, y: y + 17, 'text-anchor': 'end' }, label));
      svg.append(svgEl('rect', { class: 'bar', x: labelW, y: y + 3, width: w, height: rowH - 8, rx: 3 }));
      svg.append(svgEl('text', { x: labelW + w + 6, y: y + 17 }, l.n));
    });
    s.append(el('figure', null, el('figcaption', null, '牵头最多的单位（牵头 + 列首位）'), svg));
  }

  /** Renders the results: the first FIRST_ITEMS items now, the rest in later steps after a
   * paint each (LATER_ITEMS at a time). A newer render cancels the steps still pending. */
  _renderResults(a) {
    this._cancelRender();
    const box = this._results;
    box.replaceChildren();
    box.removeAttribute('data-complete');
    const job = { steps: this._resultSteps(a), resolve: null };
    this.rendered = new Promise((resolve) => (job.resolve = resolve));
    this._job = job;
    const step = (n) => {
      if (this._job !== job) return;
      for (let i = 0; i < n; i++) {
        if (job.steps.next().done) {
          this._completeRender(true);
          return;
        }
      }
      afterPaint(() => step(LATER_ITEMS));
    };
    step(FIRST_ITEMS);
  }

  /** Renders what is left of the pending answer now (before printing, or when it is read). */
  _finishRender() {
    const job = this._job;
    if (!job) return;
    while (!job.steps.next().done);
    this._completeRender(true);
  }

  /** Drops the pending render steps (a newer answer or a failed load replaces them). */
  _cancelRender() {
    if (this._job) this._completeRender(false);
  }

  /** Ends the pending render: `rendered` resolves to `complete` (false: cancelled). */
  _completeRender(complete) {
    const job = this._job;
    this._job = null;
    this._results.setAttribute('data-complete', '');
    job.resolve(complete);
  }

  /** The results grouped by place (in order of first appearance), then by role in the query
   * module's order (measures every asked unit shares, 共同, are one group), appended to the
   * results box one item per step (headings carry the full counts). */
  *_resultSteps(a) {
    const box = this._results;
    if (!a.results.length) return;
    const hid = `${this._id}-res-h`;
    box.append(el('h2', { id: hid }, `任务（${a.results.length} 条）`));
    const shared = a.combine === 'all';
    const groupOf = (r) => (shared ? 'shared' : r.role);
    const order = shared ? ['shared'] : labels().order.roleHeading;
    const places = new Map();
    for (const r of a.results) {
      if (!places.has(r.jurisdiction)) places.set(r.jurisdiction, new Map());
      const roles = places.get(r.jurisdiction);
      if (!roles.has(groupOf(r))) roles.set(groupOf(r), []);
      roles.get(groupOf(r)).push(r);
    }
    for (const [place, roles] of places) {
      const total = [...roles.values()].reduce((n, rs) => n + rs.length, 0);
      const sec = el('section', { class: 'place' }, el('h3', null, `${place}（${total} 条）`));
      box.append(sec);
      for (const role of order) {
        const rows = roles.get(role);
        if (!rows) continue;
        let heading = shared ? `${labels().combine.all}：${a.unit}` : labels().roleHeading[role];
        if (role === 'collective') {
          const via = [...new Set(rows.map((r) => r.via).filter(Boolean))];
          heading = `通过“${via.slice(0, 3).join('”“')}”${via.length > 3 ? '等' : ''}涉及`;
        }
        const ol = el('ol', { class: 'measures' });
        sec.append(el('h4', null, `${heading}（${rows.length} 条）`), ol);
        for (const r of rows) {
          ol.append(el('li', null, this._renderItem(r, a)));
          yield;
        }
      }
    }
  }

  _renderItem(r, a) {
    const title = el('h5', { class: 'title' });
    if (r.number) title.append(el('span', { class: 'num-badge' }, `第${r.number}项`));
    title.append(highlighted(r.title, r.highlights.filter((h) => h.field === 'title')));
    const where = el('p', { class: 'where' }, [r.plan, ...r.path].join(' › '), r.number ? '' : ` · 第 ${r.seq} 条`);
    const text = el('p', { class: 'text' }, highlighted(r.text, r.highlights.filter((h) => h.field === 'text')));
    const art = el('article', null, title, where, text);
    if (r.role === 'collective' && r.via) {
      art.append(el('p', { class: 'via' }, `通过“${r.via}”${r.via_role ? `（${labels().roleShort[r.via_role] ?? r.via_role}）` : ''}涉及${r.unit ?? ''}`));
    }
    if (r.shared.length) {
      art.append(el('p', { class: 'shared' }, `共同：${r.shared.map((x) => `${x.unit}（${labels().roleShort[x.role] ?? x.role}）`).join('、')}`));
    }
    const dl = el('dl', { class: 'units' });
    const self = new Set([r.unit, a.unit].filter(Boolean));
    const addUnits = (label, list) => {
      if (!list.length) return;
      const dd = el('dd');
      list.forEach((u, i) => {
        if (i) dd.append('、');
        dd.append(self.has(u) ? el('span', { class: 'self' }, u) : u);
      });
      dl.append(el('dt', null, label), dd);
    };
    addUnits('牵头单位', r.lead);
    addUnits(r.lead.length ? '参加/责任单位' : '参加/配合单位', r.support);
    addUnits('责任单位', r.responsible);
    if (!dl.childElementCount) dl.append(el('dt', null, '单位'), el('dd', null, '（未列单位）'));
    art.append(dl);
    return art;
  }

  /** Adds a plan document at run time (as `lookup.addDocument`: text, HTML or bytes) and
   * refreshes the unit suggestions, the footer and the answer on screen. Resolves to the
   * document's summary; rejects with a PlanLookupError saying what is wrong with the document. */
  async addDocument(name, textOrBytes) {
    const lookup = this.lookup;
    if (!lookup) throw new Error('plan-lookup: the data is not loaded yet; wait for the plan-lookup-ready event');
    const doc = await lookup.addDocument(name, textOrBytes);
    // Unless other data was loaded meanwhile (a new src): its screen is not about this lookup.
    if (this.lookup === lookup) {
      this._refresh();
      if (this._answer) this.ask(this._answer.question);
    }
    return doc;
  }

  // --- unit suggestions (ARIA combobox) --------------------------------------------------

  _updateSuggestions() {
    const value = this._input.value;
    const found = this.lookup ? suggestUnits(this._directory().units, value) : [];
    this._options = found;
    this._active = -1;
    this._list.replaceChildren();
    if (!found.length) {
      this._closeList();
      return;
    }
    found.forEach((f, i) => {
      const u = f.unit;
      const leads = u.lead + u.responsible_first;
      const li = el(
        'li',
        { id: `${this._id}-opt-${i}`, role: 'option', class: 'option', 'aria-selected': 'false', 'data-index': i },
        el('span', { class: 'name' }, u.name),
        el('span', { class: 'place' }, u.place),
        el('span', { class: 'count' }, `牵头 ${leads} · 参与 ${u.support + u.responsible}`),
      );
      this._list.append(li);
    });
    this._list.hidden = false;
    this._input.setAttribute('aria-expanded', 'true');
    this._input.removeAttribute('aria-activedescendant');
  }

  _closeList() {
    this._list.hidden = true;
    this._input.setAttribute('aria-expanded', 'false');
    this._input.removeAttribute('aria-activedescendant');
    this._active = -1;
  }

  _setActive(i) {
    const items = this._list.querySelectorAll('[role="option"]');
    if (!items.length) return;
    this._active = (i + items.length) % items.length;
    items.forEach((li, k) => {
      li.classList.toggle('active', k === this._active);
      li.setAttribute('aria-selected', k === this._active ? 'true' : 'false');
    });
    this._input.setAttribute('aria-activedescendant', items[this._active].id);
    items[this._active].scrollIntoView({ block: 'nearest' });
  }

  _onKey(e) {
    const open = !this._list.hidden;
    if (e.key === 'ArrowDown') {
      if (!open) this._updateSuggestions();
      if (!this._list.hidden) {
        e.preventDefault();
        this._setActive(this._active + 1);
      }
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      this._setActive(this._active - 1);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      this._closeList();
    } else if (e.key === 'Enter' && open && this._active >= 0) {
      e.preventDefault();
      this._pick(this._active);
    }
  }

  /** Replaces the typed end of the question with the chosen unit and asks about it. */
  _pick(i) {
    const f = this._options[i];
    if (!f) return;
    const chars = Array.from(this._input.value.replace(/\s+$/u, ''));
    const head = chars.slice(0, chars.length - f.suffix).join('');
    const u = f.unit;
    let value = head + u.name;
    if ((this._directory().nameCount.get(u.name) || 0) > 1 && !head.includes(u.place)) {
      // The name exists in several places: say which (下陆 + 区财政局 → 下陆区区财政局).
      const stem = placeStem(u.place);
      value = (head.endsWith(stem) ? head.slice(0, head.length - stem.length) : head) + u.place + u.name;
    }
    this._input.value = value;
    this._closeList();
    this._input.focus();
    this.ask(this._input.value, { push: true });
  }

  // --- export -----------------------------------------------------------------------------

  /** Downloads the current answer as CSV (UTF-8 with BOM, opens in Excel). */
  downloadCsv() {
    const answer = this._answer;
    if (!answer || !answer.results.length) return;
    const name = answer.question.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40) || 'answer';
    saveFile(new Blob([answerToCsv(answer)], { type: 'text/csv;charset=utf-8' }), `plan-lookup-${name}.csv`);
  }
}

if (!customElements.get('plan-lookup')) customElements.define('plan-lookup', PlanLookupElement);
