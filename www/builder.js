// builder.js: the builder page (builder.html, 生成数据文件). Portal staff drop their plan files;
// each is read in this browser by the full module (nothing is uploaded), reviewed measure by
// measure, corrected (place, plan title, a measure's units, a measure dropped) and downloaded as
// the data file the widget loads. Corrections are an edits object (src/edits) the page saves and
// loads again, and `plan-lookup build --edits` applies the same way.
//
// Stable hooks for automated checks: the one input[type=file], tr[data-measure] per measure,
// [data-download], and <body data-ready> once every chosen file has been read.

import { PlanLookup } from './plan-lookup.js';
import { el, saveFile } from './plan-lookup-widget.js';
import { setUpOffline } from './offline.js';
import { renderReview, filterRows, editUnits } from './builder-review.js';

const $ = (id) => document.getElementById(id);
const newEdits = () => ({ format: 'plan-lookup-edits', version: 1, documents: {} });

const state = {
  /** The lookup documents are added to (full module), once loaded. */
  loading: null,
  /** name → {item: <li>, status: 'waiting'|'reading'|'ok'|'error', info, error} in the order chosen. */
  docs: new Map(),
  edits: newEdits(),
};

function lookup() {
  if (!state.loading) {
    state.loading = PlanLookup.empty().catch((e) => {
      state.loading = null;
      throw e;
    });
  }
  return state.loading;
}

const message = (e) => (e && e.message ? e.message : String(e));
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

/** A reader's refusal of file `name` in plain words, then the technical message. The reader's
 * message names the file first ("plan-lookup: NAME: …"): only what follows is looked at, so a
 * file called scan.pdf is not taken for a scan. */
function explain(e, name) {
  const m = message(e);
  const at = m.indexOf(`${name}: `);
  const why = at >= 0 ? m.slice(at + name.length + 2) : m;
  const plain = /it is a scan|no text layer/.test(why)
    ? '这是扫描件（图片），没有文字层：请找文字版，或先做文字识别（OCR）后再试。'
    : /encrypted/.test(why)
      ? '文件设有密码：请去掉密码另存后再试。'
      : /no measures found/.test(why)
        ? '没有找到任务：方案中应有编号的任务和“牵头单位：……”“责任单位：……”等单位条款，或牵头/责任单位表格。'
        : /too large/.test(why)
          ? '文件过大，不像一份方案。'
          : /is empty/.test(why)
            ? '文件是空的。'
            : /damaged|incomplete|cannot be read/.test(why)
              ? '文件已损坏或不完整：请重新下载，或用原程序另存一份后再试。'
              : '无法读取此文件：请用 Word、PDF（含文字层）、表格、网页或文本格式。';
  return `${plain}（技术信息：${m}）`;
}

/** The reader's warnings (written for the CLI, in English) in Chinese for portal staff; one it
 * does not know is shown as written. */
const WARNINGS = [
  [/the place (.+?) was guessed from the text.*/, '地区“$1”是从正文推测的（正文引用或提到的地区，而非标题或发文机关）：请核对，必要时在上方“地区”中改正。'],
  [/the place this plan is for was not found.*/, '未能从标题、发文机关或文号中读出本方案的地区：请在上方“地区”中填写。'],
  [/numbering jumps from (\S+) to (\S+)/, '编号从 $1 跳到 $2：请核对是否漏读了任务。'],
  [/numbering starts at (\S+)/, '编号从 $1 开始：请核对前面是否漏读了任务。'],
  [/item (\S+) has no unit clause/, '第 $1 项没有单位条款。'],
  [/table row (\S+) has (\d+) of (\d+) unit cells/, '表格第 $1 行只读到 $2 个单位栏（共 $3 栏）：请核对。'],
  [/section (\S+) carries its own unit clause; kept as a measure/, '第 $1 部分自带单位条款，已作为一项任务。'],
  [/item (\S*) titles the paragraphs after it; read as a heading/, '第 $1 项是其后各段的小标题，已作为标题读取。'],
  [/items (\S+) to (\S+) share the one clause printed after them: (.*)/, '第 $1 至 $2 项共用其后印出的单位条款：$3'],
  [/the plan says the first unit listed leads: (\d+) list\(s\) of 责任单位 read with their first unit as 牵头/, '方案规定列首位的为牵头单位：$1 处责任单位按首位牵头读取。'],
];
function warningText(w) {
  for (const [pattern, zh] of WARNINGS) if (pattern.test(w)) return w.replace(pattern, zh);
  return w;
}

function setStatus(text) {
  $('status').textContent = text;
}

/** The list item of document `name`, made on first use. */
function docEntry(name) {
  let d = state.docs.get(name);
  if (!d) {
    d = { item: el('li', { class: 'doc', 'data-file': name }), status: 'waiting', info: null, error: null };
    state.docs.set(name, d);
    $('documents').append(d.item);
  }
  return d;
}

/** Reads a File with a progress bar. */
function readFile(file, progress) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) Object.assign(progress, { max: e.total, value: e.loaded });
    };
    reader.onload = () => resolve(new Uint8Array(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Reads one plan file into the lookup; its list item says how it went. */
async function readPlan(file, lk) {
  const d = docEntry(file.name);
  d.status = 'reading';
  const progress = el('progress', { max: 1, value: 0, 'aria-label': `读取 ${file.name}` });
  d.item.className = 'doc';
  d.item.replaceChildren(el('h3', null, file.name), el('p', null, `正在读取（${mib(file.size)}）…`), progress);
  try {
    if (file.size > lk.maxDocumentBytes) {
      throw new Error(`the file is too large for a plan (${mib(file.size)}; the limit is ${mib(lk.maxDocumentBytes)})`);
    }
    const bytes = await readFile(file, progress);
    d.item.querySelector('p').textContent = '正在分析…';
    await nextPaint();
    d.info = await lk.addDocument(file.name, bytes);
    d.status = 'ok';
  } catch (e) {
    d.status = 'error';
    d.error = explain(e, file.name);
    // A document read before under this name is gone from the data now too.
    await lk.removeDocument(file.name);
  }
}

/** Loads an edits file saved by this page. */
async function readEditsFile(file, lk) {
  const d = docEntry(file.name);
  try {
    const edits = JSON.parse(await file.text());
    await lk.setEdits(edits);
    state.edits = edits;
    d.status = 'edits';
    d.error = null;
  } catch (e) {
    d.status = 'error';
    d.error = `不是本页面保存的修改记录，未载入。（技术信息：${message(e)}）`;
  }
}

/** Reads the files chosen or dropped: edits files first (so plans are read with them), then
 * each plan in turn; bad files get their own message and the others still go through. */
async function addFiles(files) {
  const list = [...files];
  if (!list.length) return;
  delete document.body.dataset.ready;
  const isEdits = (f) => /\.json$/i.test(f.name);
  const plans = list.filter((f) => !isEdits(f));
  for (const f of plans) docEntry(f.name).item.replaceChildren(el('h3', null, f.name), el('p', null, '等待读取…'));
  setStatus('正在加载读取程序…');
  let lk;
  try {
    lk = await lookup();
  } catch (e) {
    setStatus(`读取程序未能加载，请刷新页面重试。（技术信息：${message(e)}）`);
    document.body.dataset.ready = '';
    return;
  }
  for (const f of list.filter(isEdits)) await readEditsFile(f, lk);
  for (const [i, f] of plans.entries()) {
    setStatus(`正在读取第 ${i + 1} / ${plans.length} 个文件：${f.name}`);
    await readPlan(f, lk);
  }
  await refresh();
  const failed = list.filter((f) => state.docs.get(f.name)?.status === 'error').length;
  setStatus(`已读取 ${list.length - failed} 个文件${failed ? `，${failed} 个未能读取（见下方说明）` : ''}。`);
  document.body.dataset.ready = '';
}

// ---- edits -----------------------------------------------------------------------------

const sameMeasure = (a, b) => a.plan === b.plan && a.seq === b.seq && a.number === b.number && a.title === b.title;

/** The edits of document `name`, made on first use. */
function docEdits(name) {
  return (state.edits.documents[name] ??= {});
}

/** Drops what no longer says anything, so the saved file holds only real corrections. */
function tidyEdits() {
  for (const [name, d] of Object.entries(state.edits.documents)) {
    if (d.measures) d.measures = d.measures.filter((m) => m.drop || m.lead || m.support || m.responsible);
    if (d.measures && !d.measures.length) delete d.measures;
    if (d.plans && !d.plans.length) delete d.plans;
    if (!d.place && !d.plans && !d.measures) delete state.edits.documents[name];
  }
}

/** Changes the edit of one measure: `change(edit)` mutates it. */
async function editMeasure(name, ref, change) {
  const d = docEdits(name);
  d.measures ??= [];
  let edit = d.measures.find((m) => sameMeasure(m.measure, ref));
  if (!edit) d.measures.push((edit = { measure: ref }));
  change(edit);
  await applyEdits();
}

async function applyEdits() {
  tidyEdits();
  try {
    await (await lookup()).setEdits(state.edits);
  } catch (e) {
    setStatus(`修改未能应用：${message(e)}`);
  }
  await refresh();
}

const actions = {
  async edit(name, row) {
    const result = await editUnits($('edit-dialog'), row);
    if (result.action === 'cancel') return;
    await editMeasure(name, row.measure, (edit) => {
      for (const role of ['lead', 'support', 'responsible']) {
        if (result.action === 'reset') delete edit[role];
        else edit[role] = result[role];
      }
    });
    setStatus(result.action === 'reset' ? '已恢复读出的单位。' : '单位已修改。');
  },
  async drop(name, row) {
    await editMeasure(name, row.measure, (edit) => {
      if (row.dropped) delete edit.drop;
      else edit.drop = true;
    });
    setStatus(row.dropped ? '已恢复这一项。' : '已删除这一项（可点“恢复”撤销）。');
  },
};

// ---- documents, review, output ---------------------------------------------------------

/** A labelled input with a button that saves it. */
function fieldLine(label, value, button, onSave) {
  const input = el('input', { type: 'text', value, 'aria-label': label });
  const save = el('button', { type: 'button' }, button);
  save.addEventListener('click', () => onSave(input.value.trim()));
  return el('div', { class: 'line' }, el('span', null, label), input, save);
}

function renderDocument(name, d) {
  const head = el('h3', null, name);
  if (d.status === 'error') {
    d.item.className = 'doc error';
    d.item.replaceChildren(head, el('p', { role: 'alert' }, d.error));
    return;
  }
  if (d.status === 'edits') {
    d.item.replaceChildren(head, el('p', null, `修改记录已载入（${Object.keys(state.edits.documents).length} 个文件的修改）。`));
    return;
  }
  const review = d.review;
  const places = [...new Set(review.plans.map((p) => p.jurisdiction))].join('、') || '（未读出）';
  const parts = [head, el('p', null, `${review.plans.length} 个方案，${d.info.measures} 项任务，地区：${places}`)];
  parts.push(
    fieldLine('地区', places === '（未读出）' ? '' : places, '设定地区', async (place) => {
      if (!place) return setStatus('请填写地区名称，如“某某县”。');
      docEdits(name).place = place;
      await applyEdits();
      setStatus(`已将 ${name} 的地区设为 ${place}。`);
    }),
  );
  for (const plan of review.plans) {
    parts.push(
      fieldLine('方案标题', plan.title, '改标题', async (title) => {
        if (!title) return setStatus('标题不能为空。');
        const edits = (docEdits(name).plans ??= []);
        const earlier = edits.find((p) => p.title === plan.title);
        if (earlier) earlier.title = title;
        else edits.push({ plan: plan.title, title });
        await applyEdits();
        setStatus('方案标题已修改。');
      }),
    );
  }
  if (review.warnings.length) parts.push(el('ul', { class: 'warnings', 'aria-label': '读取提示' }, ...review.warnings.map((w) => el('li', null, warningText(w)))));
  for (const u of review.unmatched) parts.push(el('p', { class: 'unmatched', role: 'alert' }, u));
  const remove = el('button', { type: 'button', 'aria-label': `移除此文件：${name}` }, '移除此文件');
  remove.addEventListener('click', async () => {
    await (await lookup()).removeDocument(name);
    d.item.remove();
    state.docs.delete(name);
    await refresh();
  });
  parts.push(el('p', null, remove));
  d.item.className = 'doc';
  d.item.replaceChildren(...parts);
}

/** Redraws the documents, the review table and the preview from the lookup. */
async function refresh() {
  const lk = state.loading ? await lookup() : null;
  const read = [];
  const infos = new Map((lk ? lk.info().documents : []).map((i) => [i.name, i]));
  for (const [name, d] of state.docs) {
    if (d.status === 'ok') {
      d.info = infos.get(name) ?? d.info;
      d.review = lk.review(name);
      if (d.review) read.push({ name, review: d.review });
    }
    renderDocument(name, d);
  }
  renderReview($('review'), read, actions);
  applyFilter();
  $('review-section').hidden = !read.length;
  $('output-section').hidden = !read.length;
  if (read.length) await updatePreview(lk);
}

function applyFilter() {
  const [shown, total] = filterRows($('review'), $('filter').value, $('doubtful').checked);
  $('filter-count').textContent = total ? `显示 ${shown} / ${total} 项` : '';
}

/** The live preview: a <plan-lookup> over the data file as it would be downloaded now. */
async function updatePreview(lk) {
  const bytes = await lk.exportData();
  let widget = $('preview').querySelector('plan-lookup');
  if (!widget) {
    widget = document.createElement('plan-lookup');
    widget.setAttribute('url-param', '');
    // Its data comes from setData, not a file: the everyday words are the site's.
    widget.setAttribute('terms', 'data/terms.txt');
    widget.setData(bytes);
    $('preview').append(widget);
  } else {
    widget.setData(bytes);
  }
}

async function download() {
  const lk = await lookup();
  const bytes = await lk.exportData();
  saveFile(new Blob([bytes], { type: 'application/octet-stream' }), 'plans.bin');
  const info = lk.info();
  $('download-note').textContent = `已生成 plans.bin：${info.documents.length} 份文件，${info.measures} 项任务，${mib(bytes.length)}。`;
}

/** The bundle: the same data inside this folder's query module (plans.wasm), which a page
 * loads as one file instead of two, for a sooner first answer. */
async function downloadBundle() {
  const lk = await lookup();
  const bytes = await lk.exportBundle();
  saveFile(new Blob([bytes], { type: 'application/wasm' }), 'plans.wasm');
  $('download-note').textContent = `已生成快速加载包 plans.wasm（${mib(bytes.length)}）：与 plans.bin 内容相同，须同时更新。`;
}

const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const sha256 = async (bytes) => hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));

/**
 * This folder's sw-build.js with `data` as data/plans.bin and `bundle` (the same data in this
 * folder's query module) as data/plans.wasm, the file the offline page loads. The offline page's
 * service worker installs a build only when every file matches the list, so a new plans.bin
 * deployed without its list (or without its plans.wasm) would leave the offline page on the
 * old data. The same fields and id as write_sw_manifest in scripts/build-web.
 */
async function offlineList(data, bundle) {
  const response = await fetch('sw-build.js', { cache: 'no-store' });
  if (!response.ok) throw new Error(`sw-build.js: HTTP ${response.status}`);
  const text = await response.text();
  const build = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
  for (const [url, bytes] of [
    ['data/plans.bin', data],
    ['data/plans.wasm', bundle],
  ]) {
    const entry = build.files.find((f) => f.url === url);
    if (!entry) throw new Error(`sw-build.js does not list ${url}`);
    entry.sha256 = await sha256(bytes);
  }
  build.id = (await sha256(new TextEncoder().encode(build.files.map((f) => `${f.sha256} ${f.url}\n`).join('')))).slice(0, 16);
  build.dataVersion = hex([...data.subarray(12, 16)].reverse());
  return `// Written by the builder page (生成数据文件) for a new data/plans.bin: do not edit. The files of this build, for sw.js.\nself.PLAN_LOOKUP_BUILD = ${JSON.stringify(build, null, 2)};\n`;
}

async function downloadOfflineList() {
  if (!globalThis.crypto?.subtle) {
    $('download-note').textContent = '离线页面只能在 HTTPS 网站上使用；本网站不是 HTTPS，不需要离线清单。';
    return;
  }
  const lk = await lookup();
  const list = await offlineList(await lk.exportData(), await lk.exportBundle());
  saveFile(new Blob([list], { type: 'text/javascript' }), 'sw-build.js');
}

function saveEdits() {
  tidyEdits();
  saveFile(new Blob([JSON.stringify(state.edits, null, 2)], { type: 'application/json' }), 'plan-lookup-edits.json');
}

const SNIPPET = `<script type="module" src="/plan-lookup/plan-lookup-widget.js"></script>
<plan-lookup src="/plan-lookup/data/plans.bin"></plan-lookup>`;

async function copySnippet() {
  const note = $('copy-note');
  try {
    await navigator.clipboard.writeText(SNIPPET);
    note.textContent = '已复制。';
  } catch {
    $('snippet').select();
    note.textContent = '请按 Ctrl+C 复制已选中的代码。';
  }
}

function setElder(on, remember = true) {
  document.documentElement.classList.toggle('elder', on);
  $('elder').setAttribute('aria-pressed', on ? 'true' : 'false');
  if (remember) {
    try {
      localStorage.setItem('plan-lookup-elder', on ? '1' : '0');
    } catch {
      /* storage may be blocked */
    }
  }
}

// ---- wiring ----------------------------------------------------------------------------

const input = $('files');
input.addEventListener('change', () => {
  const files = [...input.files];
  input.value = '';
  addFiles(files);
});
const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  addFiles(e.dataTransfer.files);
});
$('filter').addEventListener('input', applyFilter);
$('doubtful').addEventListener('change', applyFilter);
$('download').addEventListener('click', () => download().catch((e) => setStatus(`未能生成数据文件：${message(e)}`)));
$('save-edits').addEventListener('click', saveEdits);
$('download-sw').addEventListener('click', () => downloadOfflineList().catch((e) => setStatus(`未能生成离线清单：${message(e)}`)));
$('download-bundle').addEventListener('click', () => downloadBundle().catch((e) => setStatus(`未能生成快速加载包：${message(e)}`)));
$('copy').addEventListener('click', copySnippet);
$('snippet').value = SNIPPET;
$('elder').addEventListener('click', () => setElder($('elder').getAttribute('aria-pressed') !== 'true'));
try {
  setElder(localStorage.getItem('plan-lookup-elder') === '1', false);
} catch {
  /* storage may be blocked */
}
// Every file is read here, so the page can say so before any is chosen.
document.body.dataset.ready = '';
setUpOffline($('offline-state'));
