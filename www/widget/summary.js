// The summary under an answer: a table of the units in it by role, and a bar chart of the
// units that lead most.

import { PlanLookup } from '../plan-lookup.js';
import { el, svgEl } from './dom.js';

/** Fills `s` (the summary section) for answer `a`: counts per unit and role, and a bar chart of
 * the units that lead most. `id` prefixes the ids it makes. */
export function renderSummary(s, a, id) {
  s.replaceChildren();
  if (!a.summary.length) {
    s.hidden = true;
    return;
  }
  s.hidden = false;
  const hid = `${id}-sum-h`;
  s.append(el('h2', { id: hid }, a.intent === 'unit' ? '按单位统计' : '涉及的单位（按角色计数）'));
  const cols = ['lead', 'responsible_first', 'support', 'responsible', 'collective'].map((r) => [r, PlanLookup.LABELS.roleShort[r]]);
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
  const cid = `${id}-chart`;
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
