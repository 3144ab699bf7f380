// The results of an answer, grouped by place and role, put on screen one item per step so a
// long answer can be rendered in parts.

import { PlanLookup } from '../plan-lookup.js';
import { el, highlighted } from './dom.js';

/** The results grouped by place (in order of first appearance), then by role in the query
 * module's order (measures every asked unit shares, 共同, are one group), appended to the
 * results box `box` one item per step (headings carry the full counts). `id` prefixes ids. */
export function* resultSteps(box, a, id) {
  if (!a.results.length) return;
  const hid = `${id}-res-h`;
  box.append(el('h2', { id: hid }, `任务（${a.results.length} 条）`));
  const shared = a.combine === 'all';
  const groupOf = (r) => (shared ? 'shared' : r.role);
  const order = shared ? ['shared'] : PlanLookup.LABELS.order.roleHeading;
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
      let heading = shared ? `${PlanLookup.LABELS.combine.all}：${a.unit}` : PlanLookup.LABELS.roleHeading[role];
      if (role === 'collective') {
        const via = [...new Set(rows.map((r) => r.via).filter(Boolean))];
        heading = `通过“${via.slice(0, 3).join('”“')}”${via.length > 3 ? '等' : ''}涉及`;
      }
      const ol = el('ol', { class: 'measures' });
      sec.append(el('h4', null, `${heading}（${rows.length} 条）`), ol);
      for (const r of rows) {
        ol.append(el('li', null, renderItem(r, a)));
        yield;
      }
    }
  }
}

/** One result: title with highlights, where it is, its text and its units by role. */
function renderItem(r, a) {
  const title = el('h5', { class: 'title' });
  if (r.number) title.append(el('span', { class: 'num-badge' }, `第${r.number}项`));
  title.append(highlighted(r.title, r.highlights.filter((h) => h.field === 'title')));
  const where = el('p', { class: 'where' }, [r.plan, ...r.path].join(' › '), r.number ? '' : ` · 第 ${r.seq} 条`);
  const text = el('p', { class: 'text' }, highlighted(r.text, r.highlights.filter((h) => h.field === 'text')));
  const art = el('article', null, title, where, text);
  if (r.role === 'collective' && r.via) {
    art.append(el('p', { class: 'via' }, `通过“${r.via}”${r.via_role ? `（${PlanLookup.LABELS.roleShort[r.via_role] ?? r.via_role}）` : ''}涉及${r.unit ?? ''}`));
  }
  if (r.shared.length) {
    art.append(el('p', { class: 'shared' }, `共同：${r.shared.map((x) => `${x.unit}（${PlanLookup.LABELS.roleShort[x.role] ?? x.role}）`).join('、')}`));
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

/** The status line of an answer: how many results, and what they are about. */
export function statusLine(a) {
  const n = a.results.length;
  return n ? `找到 ${n} 条任务${describe(a)}。` : a.intent === 'empty' ? '请输入问题。' : `没有找到任务${describe(a)}。`;
}

/** What an answer was about, for the status line: （下陆区，区司法局，牵头）. */
function describe(a) {
  const parts = [];
  if (a.place) parts.push(a.place);
  if (a.unit) parts.push(a.unit);
  if (a.topic) parts.push(`主题“${a.topic}”`);
  else if (!a.unit && a.keywords.length) parts.push(`关键词“${a.keywords.join('”“')}”`);
  if (a.role && a.intent !== 'keyword') parts.push(PlanLookup.LABELS.familyShort[a.role] ?? a.role);
  if (a.combine && a.units.length > 1) parts.push(PlanLookup.LABELS.combine[a.combine]);
  return parts.length ? `（${parts.join('，')}）` : '';
}
