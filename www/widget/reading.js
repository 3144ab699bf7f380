// How the widget shows the reading of a question: one chip per part (单位 / 角色 / 主题 / 地区 /
// 方案 / 多个单位 / 结构, and the words not understood), each removable or changeable with a tap,
// which asks the question rebuilt from the parts left. Labels and question words come from the
// query module (PlanLookup.LABELS); nothing here spells a label of its own.

/** The parts of an answer's reading that a reader can change. */
export function readingOf(a) {
  return {
    units: a.intent === 'unit' && a.unit ? a.unit.split('、') : [],
    combine: a.combine,
    role: a.role,
    words: a.keywords.slice(),
    who: a.intent === 'topic',
    place: a.place,
    plans: a.plans.slice(),
    count: a.count != null,
    structural: a.structural,
  };
}

/** A plan title as a question names it: in 《》, without brackets of its own. */
function planRef(title) {
  return `《${title.replace(/[《》〈〉]/g, '')}》`;
}

/** The question a reading stands for, in the plainest words the grammar reads back the same. */
export function questionFrom(r, labels) {
  const scope = [r.place ?? '', r.plans.length ? `在${planRef(r.plans[0])}里` : ''].join('');
  const verb = labels.familyVerb[r.role ?? 'any'];
  const topic = r.words.join(' ');
  if (r.structural) return `${scope}${topic ? `${topic} ` : ''}${labels.structural[r.structural]}`;
  if (r.units.length) {
    const joined = r.units.join(r.units.length > 1 && r.combine === 'all' ? '和' : '或');
    const together = r.units.length > 1 && r.combine === 'all' ? '共同' : '';
    const tail = r.count ? '任务有多少项' : '任务有哪些';
    return `${scope} ${joined}${together}${verb}的${topic ? `${topic} ` : ''}${tail}`.trim();
  }
  if (!topic) return scope;
  if (r.who || r.role) return `${scope} ${topic} 由哪些单位${verb}${r.count ? '，有多少项' : ''}`.trim();
  return `${scope} ${topic}`.trim();
}

/**
 * The chips of an answer's reading, or null when there is nothing to show. `ask(question)` is
 * called with the rebuilt question when a chip is removed or changed.
 */
export function renderReading(a, labels, el, ask) {
  if (a.intent === 'empty') return null;
  const r = readingOf(a);
  const parts = labels.parts;
  const box = el('div', { class: 'reading', role: 'group', 'aria-label': '对问题的理解（点 × 去掉，或改选）' });
  const change = (edit) => ask(questionFrom(edit({ ...r, units: r.units.slice(), words: r.words.slice(), plans: r.plans.slice() }), labels));
  const chip = (part, value, onRemove, extra) => {
    const c = el('span', { class: `chip chip-${part}` }, el('span', { class: 'k' }, parts[part]), ' ', value);
    if (extra) c.append(' ', extra);
    if (onRemove) {
      const b = el('button', { type: 'button', class: 'x', 'aria-label': `去掉${parts[part]}：${value}` }, '×');
      b.addEventListener('click', onRemove);
      c.append(b);
    }
    box.append(c);
  };
  const select = (label, names, table, current, onPick) => {
    const s = el('select', { 'aria-label': label });
    for (const n of names) s.append(el('option', { value: n, selected: n === current }, table[n]));
    s.addEventListener('change', () => onPick(s.value));
    return s;
  };
  r.units.forEach((u, i) => chip('unit', u, () => change((x) => (x.units.splice(i, 1), x))));
  if (r.units.length > 1 && a.combine) {
    const s = select(parts.combine, labels.order.combine, labels.combine, a.combine, (v) => change((x) => ((x.combine = v), x)));
    box.append(el('span', { class: 'chip chip-combine' }, el('span', { class: 'k' }, parts.combine), ' ', s));
  }
  if (a.role && (a.intent === 'unit' || a.intent === 'topic')) {
    const s = select(parts.role, labels.order.familyShort, labels.familyShort, a.role, (v) => change((x) => ((x.role = v), x)));
    box.append(el('span', { class: 'chip chip-role' }, el('span', { class: 'k' }, parts.role), ' ', s));
  }
  if (a.structural) chip('structural', labels.structural[a.structural], () => change((x) => ((x.structural = null), x)));
  const wordsPart = a.intent === 'keyword' ? 'keywords' : 'topic';
  r.words.forEach((w, i) => chip(wordsPart, w, () => change((x) => (x.words.splice(i, 1), x))));
  if (a.place) chip('place', a.place, () => change((x) => ((x.place = null), x)));
  r.plans.forEach((p) => chip('plan', p, () => change((x) => ((x.plans = []), x))));
  if (a.count != null) chip('count', `${a.count} 项`, () => change((x) => ((x.count = false), x)));
  if (a.unknown.length) {
    box.append(el('span', { class: 'chip chip-unknown', role: 'note' }, el('span', { class: 'k' }, parts.unknown), ' ', `${a.unknown.join('、')}（未用作筛选）`));
  }
  return box.childElementCount ? box : null;
}
