// builder-review.js: the builder page's review table (a row per measure as read, with the edits)
// and its unit editor. builder.js owns the data and the edits; this file only shows them.

import { el } from './plan-lookup-widget.js';

/** Unit names typed by a person: split on 、，,;； and line breaks, blanks left out. */
export function splitUnits(text) {
  return String(text)
    .split(/[、，,;；\n]+/u)
    .map((u) => u.trim())
    .filter(Boolean);
}

const joinUnits = (units) => units.join('、');

/**
 * Renders the review of every document read (`docs`: [{name, review}]) into `container`: a
 * table per document, a row per measure (`data-measure`, `data-document`). `actions.edit(name,
 * row)` and `actions.drop(name, row)` are called from the row's buttons.
 */
export function renderReview(container, docs, actions) {
  container.replaceChildren();
  docs.forEach(({ name, review }, d) => {
    const caption = el('caption', null, `${name}：${review.rows.length} 项（${review.plans.map((p) => p.title).join('；')}）`);
    const head = el(
      'tr',
      null,
      ...['序号', '任务', '牵头单位', '参加/配合单位', '责任单位', '单位条款（原文）', '提示', '操作'].map((h) => el('th', { scope: 'col' }, h)),
    );
    const body = el('tbody');
    review.rows.forEach((row, i) => body.append(renderRow(name, d, i, row, actions)));
    const table = el('table', null, caption, el('thead', null, head), body);
    container.append(el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `${name} 的任务` }, table));
  });
}

function renderRow(name, d, i, row, actions) {
  const flags = el('td', { class: 'flags' });
  for (const doubt of row.doubts) flags.append(el('span', { class: 'flag' }, doubt.label), ' ');
  if (row.read) flags.append(el('span', { class: 'flag edit' }, '单位已修改'), ' ');
  if (row.dropped) flags.append(el('span', { class: 'flag edit' }, '已删除'));
  const label = `第${row.number ?? row.measure.seq}项`;
  const edit = el('button', { type: 'button', 'aria-label': `改单位：${label} ${row.title}`, disabled: row.dropped }, '改单位');
  const drop = el('button', { type: 'button', 'aria-label': `${row.dropped ? '恢复' : '删除'}：${label} ${row.title}` }, row.dropped ? '恢复' : '删除');
  edit.addEventListener('click', () => actions.edit(name, row));
  drop.addEventListener('click', () => actions.drop(name, row));
  const classes = [row.doubts.length ? 'doubt' : '', row.read ? 'edited' : '', row.dropped ? 'dropped' : ''].filter(Boolean);
  const tr = el(
    'tr',
    { 'data-measure': `${d}-${i}`, 'data-document': name, class: classes.join(' ') || null },
    el('td', null, row.number ?? `（${row.measure.seq}）`),
    el('td', null, row.title, row.path.length ? el('div', { class: 'raw' }, row.path.join(' › ')) : null),
    el('td', null, joinUnits(row.lead)),
    el('td', null, joinUnits(row.support)),
    el('td', null, joinUnits(row.responsible)),
    el('td', { class: 'raw' }, row.raw),
    flags,
    el('td', { class: 'ops' }, edit, ' ', drop),
  );
  tr.dataset.search = [row.title, row.raw, ...row.path, ...row.lead, ...row.support, ...row.responsible].join(' ');
  tr.dataset.flagged = row.doubts.length || row.read || row.dropped ? '1' : '';
  return tr;
}

/** Shows only the rows whose text holds `text` (and, if `flaggedOnly`, that have a doubt or an
 * edit); returns [shown, total]. */
export function filterRows(container, text, flaggedOnly) {
  const needle = text.trim();
  let shown = 0;
  const rows = container.querySelectorAll('tr[data-measure]');
  for (const tr of rows) {
    const show = (!needle || tr.dataset.search.includes(needle)) && (!flaggedOnly || tr.dataset.flagged === '1');
    tr.hidden = !show;
    if (show) shown++;
  }
  return [shown, rows.length];
}

/**
 * Opens the unit editor for `row` in `dialog` (builder.html's #edit-dialog). Resolves to
 * {action: 'save', lead, support, responsible} | {action: 'reset'} | {action: 'cancel'}.
 */
export function editUnits(dialog, row) {
  const form = dialog.querySelector('form');
  const field = (id) => dialog.querySelector(`#edit-${id}`);
  field('measure').textContent = `${row.measure.plan} · 第${row.number ?? row.measure.seq}项：${row.title}`;
  field('raw').textContent = row.raw ? `原文：${row.raw}` : '原文没有单位条款。';
  for (const role of ['lead', 'support', 'responsible']) field(role).value = joinUnits(row[role]);
  return new Promise((settle) => {
    const listening = new AbortController();
    const resolve = (result) => {
      listening.abort();
      settle(result);
    };
    form.addEventListener(
      'submit',
      (e) => {
        const action = e.submitter ? e.submitter.value : 'save';
        if (action !== 'save') return resolve({ action });
        const units = Object.fromEntries(['lead', 'support', 'responsible'].map((r) => [r, splitUnits(field(r).value)]));
        resolve({ action, ...units });
      },
      { signal: listening.signal },
    );
    dialog.addEventListener('cancel', () => resolve({ action: 'cancel' }), { signal: listening.signal });
    dialog.showModal();
    field('lead').focus();
  });
}
