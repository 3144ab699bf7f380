// element.js: the <plan-lookup> custom element for portals, built into plan-lookup-widget.js
// (scripts/build-web bundles www/widget/ with esbuild; the embed stays one script tag).
//
//   <script type="module" src="/plan-lookup/plan-lookup-widget.js"></script>
//   <plan-lookup src="/plan-lookup/data/plans.bin"></plan-lookup>
//
// Attributes (www/README.md has them in full): src (the data file, or a sharded build's
// manifest.bin), examples ("问题一|问题二"), url-param (default "q"; "" turns it off), wasm,
// sharded-wasm and full-wasm (the three modules' URLs, default pkg/ next to this file), place (sharded builds: the
// place(s) to load, "资阳区|下陆区"; other places are fetched when a question names them), terms
// (the everyday-words file, e.g. "data/terms.txt": 上访 read as 信访; without it questions are
// read with the plans' own words only), pinyin (the pinyin table's URL, default pkg/pinyin.txt
// next to this file: 社会信用管里 read as 社会信用管理), verify (with a bundle in src, src="data/plans.wasm":
// the data file it was built from, verify="data/plans.bin"; loaded instead if the bundle cannot
// be, or holds other data, as the widget checks after its first answer: bundle-check.js).
//
// Theming: CSS custom properties --plan-lookup-font, -font-size, -fg, -muted, -bg, -surface,
// -border, -accent, -accent-text, -mark, -radius, set on plan-lookup or any ancestor (www/README.md).
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
// status (with the full count), the summary and a screenful of results (firstItems) are in the DOM; the
// rest follow after the next paint. `rendered` is a promise that resolves to true once the
// answer is in the DOM in full (false if a newer answer or a failed load replaced it first), and
// the results container (`.results`) has a `data-complete` attribute whenever nothing is left to
// render. Reading `answer`, printing and a new question finish or cancel the pending steps, so
// nothing stale is ever mixed in. The unit directory behind the suggestions is read from the
// lookup only when first needed (typing, or idle time after the answer).
//
// Opened with a question (a shared link, ?q=…), the widget shows nothing until its answer, for
// up to QUIET_START_MS: the controls and the answer then come on screen in one frame, not a frame
// of controls saying "loading" and then the answer below them (see QUIET_START_MS).

import { PlanLookup, isBundleUrl, markStep } from '../plan-lookup.js';
import { renderReading } from './reading.js';
import { adoptStyles } from './styles.js';
import { afterPaint, el, saveFile, whenIdle } from './dom.js';
import { loadProblem } from './messages.js';
import { renderSummary } from './summary.js';
import { resultSteps, statusLine } from './results.js';

/** The parts no first answer needs (suggestions, CSV, counts across places): on-demand.js,
 * imported once, when first used or when the page is idle after its first answer. */
let onDemandParts = null;
function onDemand() {
  onDemandParts ??= import('./on-demand.js').catch((e) => {
    onDemandParts = null; // try again next time (e.g. back online)
    throw e;
  });
  return onDemandParts;
}

/** What the footer adds when the widget loaded its `verify` data file because the bundle in
 * `src` could not be loaded (see _loadFile; bundle-check.js has the note for a stale bundle). */
const BUNDLE_UNLOADABLE = ' · 快速加载包（plans.wasm）未能加载，已改用数据文件';

const DEFAULT_EXAMPLES = ['区司法局牵头哪些任务？', '行政复议由谁牵头？', '下陆区财政局参与哪些任务？', '营商环境'];

/** Every Chinese label of a machine name, from the query module (PlanLookup.LABELS): role
 * headings and short forms, role families, the parts of a reading. Read once a lookup has
 * loaded; answers are only rendered after that. */
const labels = () => PlanLookup.LABELS;

/** How long a widget opened with a question waits for its answer before it shows its controls
 * and the loading status (a slow network, a big data file). Until then its root is not displayed
 * (`.root.quiet`), so the browser lays out, styles and paints none of it, and the first answer
 * does not wait for that work: bench/ab/run measured the answer event ~30 ms sooner after load()
 * and on screen ~25 ms sooner, with no frame of empty controls that the answer then pushes down.
 * 400 ms is about where a wait starts to want a sign of progress. */
export const QUIET_START_MS = 400;

/** Result items rendered per step after the first screenful (see firstItems). */
const LATER_ITEMS = 100;
/** The least height of a result item in CSS px (one line each of title, place, text and units,
 * at the smallest font size the widget takes): desktop items measure 190–340 px, phone items
 * 330–620 px. */
const MIN_ITEM_PX = 120;

/** Result items rendered before `plan-lookup-answer` fires: enough to fill the viewport even if
 * the results started at its top (on the page they start below the form), and no more, because
 * every item more is script and layout the first answer waits for. The screen's height bounds
 * the viewport's: `innerHeight` would force a style and layout of the whole page before the
 * answer (~4 ms on a cold load, where the first frame's layout also loads the CJK fonts). */
function firstItems(viewportHeight = globalThis.screen?.availHeight) {
  const h = Number.isFinite(viewportHeight) && viewportHeight > 0 ? viewportHeight : 1080;
  return Math.min(40, Math.max(4, Math.ceil(h / MIN_ITEM_PX) + 1));
}

let instances = 0;

export class PlanLookupElement extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'place', 'terms'];
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
    this._loadSeq = 0;
    /** Data-file bytes given by setData(), used instead of `src`. */
    this._data = null;
    /** The footer's note on why the `verify` data file is loaded instead of the bundle in `src`
     * (null: it is not). */
    this._dataFileInstead = null;
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
      if (this.questionInUrl) this._quietUntilAnswer();
      this._load();
      // After _load has started the downloads: the first localStorage read of a page can take
      // a few ms (and this is still before the first paint).
      this._restoreElder();
    }
  }

  disconnectedCallback() {
    this._showControls();
    if (this._onPop) window.removeEventListener('popstate', this._onPop);
    if (this._onBeforePrint) window.removeEventListener('beforeprint', this._onBeforePrint);
    this._started = false;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === 'terms' && oldValue !== newValue) this._terms = null;
    if (name === 'src' && oldValue !== newValue) this._dataFileInstead = null;
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
    const across = el('section', { class: 'summary across', hidden: true, 'aria-labelledby': `${id}-across-h` });
    const results = el('section', { class: 'results', 'aria-labelledby': `${id}-res-h`, 'data-complete': true });
    const footer = el('footer');
    root.append(form, examples, toolbar, status, error, message, summary, across, results, footer);
    shadow.append(root);

    this._suggest = null; // the UnitSuggestions, once on-demand.js is in (_suggestions())
    Object.assign(this, { _input: input, _list: list, _submit: submit, _examples: examples, _elder: elder, _csv: csv, _print: print, _status: status, _error: error, _errorText: errorText, _errorDetail: errorDetail, _retry: retry, _message: message, _summary: summary, _across: across, _results: results, _footer: footer });

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._suggest?.close();
      this.ask(input.value, { push: true });
    });
    input.addEventListener('input', () => {
      const typed = input.value;
      // (If on-demand.js was still on its way: only for what is still typed and not yet asked.)
      this._suggestions().then((s) => typed === input.value && this._answer?.question !== typed.trim() && s?.update());
    });
    input.addEventListener('focus', () => whenIdle(() => this._prepareSuggestions()));
    // (Before on-demand.js is in, no list is open for the keys to move in.)
    input.addEventListener('keydown', (e) => this._suggest?.onKey(e));
    input.addEventListener('blur', () => setTimeout(() => this._suggest?.close(), 150));
    list.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the input
    list.addEventListener('click', (e) => {
      const li = e.target.closest('[role="option"]');
      if (li) this._suggest?.pick(Number(li.dataset.index));
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
        shardedWasmUrl: this.getAttribute('sharded-wasm') || undefined,
        fullWasmUrl: this.getAttribute('full-wasm') || undefined,
        place: this.getAttribute('place') || undefined,
      };
      const lookup = this._data ? await PlanLookup.fromBytes(this._data, options) : await this._loadFile(src, options);
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
      this._showControls(); // (a question the data could not answer: its message is shown)
      // The suggestions and their directory, and the everyday words, read while the reader
      // looks at the answer.
      whenIdle(() => this._prepareSuggestions());
      whenIdle(() => onDemand().then(({ everydayTerms }) => everydayTerms(this), () => {}));
      const verify = this._verifyUrl();
      if (verify && !this._data && !this._dataFileInstead) {
        whenIdle(() => onDemand().then(({ checkBundle }) => checkBundle(this, lookup, verify), () => {}));
      }
    } catch (e) {
      if (seq !== this._loadSeq) return;
      this._fail(e, retrying);
    }
  }

  /** The `verify` data file's URL (the file a bundle in `src` was built from), or null: also
   * when `src` is no bundle (a page that points `src` at a data file means that file). */
  _verifyUrl() {
    const verify = this.getAttribute('verify');
    return verify && isBundleUrl(this.getAttribute('src') || '') ? new URL(verify, document.baseURI) : null;
  }

  /** Loads `src`, or the `verify` data file in its place: once the bundle was found to hold other
   * data (_useDataFile), or when the bundle cannot be loaded at all (missing, damaged, or built
   * with another release's module). */
  async _loadFile(src, options) {
    const verify = this._verifyUrl();
    if (verify && this._dataFileInstead) return PlanLookup.load(verify, options);
    try {
      return await PlanLookup.load(new URL(src, document.baseURI), options);
    } catch (e) {
      if (!verify) throw e;
      console.warn(`plan-lookup: the bundle ${src} could not be loaded (${e && e.message ? e.message : e}); loading the data file ${verify} instead.`);
      this._dataFileInstead = BUNDLE_UNLOADABLE;
      return PlanLookup.load(verify, options);
    }
  }

  /** Loads the `verify` data file instead of the bundle in `src`, which holds other data (see
   * bundle-check.js), asks the question on screen again, and adds `note` to the footer. */
  _useDataFile(note) {
    this._dataFileInstead = note;
    this._load();
  }

  /** Shows the data summary of the current lookup and drops the unit directory read from the
   * data before (it is read again when next needed). */
  _refresh() {
    this._dir = null;
    const info = this.lookup.info();
    const places = [...new Set(info.documents.flatMap((d) => d.plans.map((p) => p.jurisdiction)))];
    this._footer.textContent = `数据版本 ${info.dataVersion ?? '（本地添加）'} · ${info.documents.length} 份文件 · ${info.measures} 条任务 · ${places.join('、')}${this._dataFileInstead ?? ''}`;
    return { info, places };
  }

  /** The unit suggestions under the question box, once on-demand.js is in (null if it could
   * not be fetched: the box then works without them). */
  _suggestions() {
    return onDemand().then(
      ({ UnitSuggestions }) =>
        (this._suggest ??= new UnitSuggestions(this._input, this._list, this._id, () => this._directory(), (q) => this.ask(q, { push: true }))),
      (e) => {
        console.warn('plan-lookup: the unit suggestions could not be loaded', e);
        return null;
      },
    );
  }

  _prepareSuggestions() {
    this._directory();
    this._suggestions();
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
    this._suggest?.close();
    for (const part of [this._message, this._summary, this._across, this._results]) part.replaceChildren();
    this._summary.hidden = true;
    this._across.hidden = true;
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
    this._showControls();
    if (focusRetry) this._retry.focus();
    this.dispatchEvent(new CustomEvent('plan-lookup-error', { detail: e, bubbles: true, composed: true }));
  }

  /** The question in the page's URL (the url-param), or null. */
  _urlQuestion() {
    const p = this.urlParam;
    return p ? new URL(location.href).searchParams.get(p) : null;
  }

  /** Whether the page's URL asks this widget a question (its url-param, not blank): the widget,
   * and a page around it (quiet-page.js), show nothing until that answer. */
  get questionInUrl() {
    return Boolean(this._urlQuestion()?.trim());
  }

  /** Hides the widget until its first answer, an error, or QUIET_START_MS, whichever is first. */
  _quietUntilAnswer() {
    this._root.classList.add('quiet');
    this._quietTimer = setTimeout(() => this._showControls(), QUIET_START_MS);
  }

  _showControls() {
    clearTimeout(this._quietTimer);
    this._root.classList.remove('quiet');
  }

  _askFromUrl() {
    if (!this.lookup) return;
    const q = this._urlQuestion();
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
    markStep('asked');
    this._answer = answer;
    // Nothing found before the everyday words and the pinyin table (everyday.js) were read:
    // read them, ask again.
    const terms = this._terms;
    const unread = !answer.results.length || (answer.unknown && answer.unknown.length > 0);
    if (unread && !(terms && terms.lookup === this.lookup && terms.settled)) {
      onDemand().then(({ askAgainWithTerms }) => askAgainWithTerms(this, q), () => {});
    }
    this._render(answer);
    this._showAcross(answer);
    markStep('rendered');
    this._showControls();
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

  /** For a unit question naming no place, on a sharded build: the counts in every place. */
  _showAcross(a) {
    const lookup = this.lookup;
    this._across.hidden = true;
    this._across.replaceChildren();
    if (!lookup || !lookup.sharded || a.intent !== 'unit') return;
    const current = () => this.lookup === lookup && this._answer === a;
    onDemand().then(
      ({ showAcross }) => {
        if (!current()) return;
        showAcross(lookup, a, this._across, this._id, current, (q) => {
          this._input.value = q;
          this.ask(q, { push: true });
        });
      },
      () => {
        // Not fetched: the answer from the loaded places stands alone, as when the summaries fail.
      },
    );
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
    renderSummary(this._summary, a, this._id);
    this._renderResults(a);
    this._setStatus(statusLine(a));
  }

  /** Renders the results: a screenful of items now (firstItems), the rest in later steps after a
   * paint each (LATER_ITEMS at a time). A newer render cancels the steps still pending. */
  _renderResults(a) {
    this._cancelRender();
    const box = this._results;
    box.replaceChildren();
    box.removeAttribute('data-complete');
    const job = { steps: resultSteps(box, a, this._id), resolve: null };
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
    step(firstItems());
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

  // --- export -----------------------------------------------------------------------------

  /** Downloads the current answer as CSV (UTF-8 with BOM, opens in Excel). Resolves once the
   * download is offered; a failure (csv.js could not be fetched) is shown, not thrown. */
  async downloadCsv() {
    const answer = this._answer;
    if (!answer || !answer.results.length) return;
    try {
      const { answerToCsv, csvFileName } = await onDemand();
      saveFile(new Blob([answerToCsv(answer, labels().roleShort)], { type: 'text/csv;charset=utf-8' }), csvFileName(answer.question));
    } catch (e) {
      this._message.append(el('p', { class: 'error', role: 'alert' }, `无法导出 CSV：${e && e.message ? e.message : e}。请检查网络后重试。`));
    }
  }
}

if (!customElements.get('plan-lookup')) customElements.define('plan-lookup', PlanLookupElement);
