// Every place of a sharded build at once: for a unit question that names no place, the counts
// per place from the build's unit summaries (PlanLookup.acrossPlaces), with a button per place
// that asks the question there (which loads that place's measures).

import { el } from './dom.js';

/** Rows shown before "显示全部". */
const FIRST_ROWS = 20;

/**
 * Shows in `section` (emptied and hidden by the caller) the counts in every place for answer `a`,
 * a unit question on a sharded build: element.js checks that before it fetches this file.
 * `current()` says whether the answer is still on screen when the summaries arrive;
 * `ask(question)` asks in one place.
 */
export function showAcross(lookup, a, section, id, current, ask) {
  // (acrossPlaces() answers [] for a question that names a place.)
  lookup.acrossPlaces(a.question).then(
    (units) => {
      if (!current()) return;
      renderAcross(section, units, a.role, id, (place, unit) =>
        ask(a.question.includes(unit) ? a.question.replace(unit, place + unit) : place + a.question),
      );
    },
    () => {
      // The summaries could not be fetched: the answer from the loaded places stands alone.
    },
  );
}

/** The counts a role family asks about: 牵头 (lead + first-listed), 参与, or all of them. */
function counted(row, family) {
  const lead = row.lead + row.responsibleFirst;
  const join = row.support + row.responsible;
  return family === 'lead' ? lead : family === 'join' ? join : lead + join;
}

/**
 * Fills `section` with one table per unit of `units` (from acrossPlaces()): the places where it
 * holds measures of the asked `family`, most first. `askIn(place)` asks the question in a place.
 */
export function renderAcross(section, units, family, id, askIn) {
  section.replaceChildren();
  const shown = units.map((u) => ({ ...u, places: u.places.filter((r) => counted(r, family) > 0) })).filter((u) => u.places.length);
  section.hidden = !shown.length;
  if (!shown.length) return;
  const hid = `${id}-across-h`;
  section.append(el('h2', { id: hid }, '各地的情况（全部地区）'));
  section.append(el('p', { class: 'note' }, '以下数字来自全部地区的汇总，无需下载各地数据；点“查看”列出该地的任务。'));
  for (const u of shown) {
    const table = el('table', null, el('caption', null, `${u.unit}：${u.places.length} 个地区`));
    table.append(
      el('thead', null, el('tr', null, ...['地区', '牵头', '参与', '通过统称涉及', '任务'].map((h) => el('th', { scope: 'col' }, h)))),
    );
    const body = el('tbody');
    const row = (r) => {
      const view = el('button', { type: 'button', 'aria-label': `查看${r.place}${u.unit}的任务` }, '查看');
      view.addEventListener('click', () => askIn(r.place, u.unit));
      return el(
        'tr',
        null,
        el('th', { scope: 'row' }, r.place),
        el('td', { class: 'num' }, r.lead + r.responsibleFirst),
        el('td', { class: 'num' }, r.support + r.responsible),
        el('td', { class: 'num' }, r.collective),
        el('td', null, view),
      );
    };
    u.places.slice(0, FIRST_ROWS).forEach((r) => body.append(row(r)));
    table.append(body);
    section.append(el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `${u.unit}各地统计` }, table));
    if (u.places.length > FIRST_ROWS) {
      const more = el('button', { type: 'button' }, `显示全部 ${u.places.length} 个地区`);
      more.addEventListener('click', () => {
        u.places.slice(FIRST_ROWS).forEach((r) => body.append(row(r)));
        more.remove();
      });
      section.append(more);
    }
  }
}
