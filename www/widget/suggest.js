// Unit suggestions: which units match what is typed, and the combobox that offers them.

import { el } from './dom.js';

/** The list box's styles: here, not in styles.js, so the widget's first answer downloads none
 * of them (this file comes with on-demand.js). `.option.active`'s outline is styles.js's. */
const LISTBOX_CSS = `
[role="listbox"] {
  position: absolute; z-index: 10; left: 0; right: 0; top: 100%; margin: .2em 0 0; padding: .2em; list-style: none;
  background: var(--plan-lookup-bg, #ffffff); border: 1px solid var(--plan-lookup-border, #8c959f);
  border-radius: var(--plan-lookup-radius, 8px); box-shadow: 0 6px 18px rgba(0,0,0,.15); max-height: 18em; overflow-y: auto;
}
[role="listbox"][hidden] { display: none; }
.option { padding: .4em .6em; border-radius: 6px; cursor: pointer; display: flex; flex-wrap: wrap; gap: 0 .6em; }
.option:hover { background: var(--plan-lookup-surface, #f6f8fa); }
.option .place, .option .count { color: var(--plan-lookup-muted, #4d5561); font-size: .9em; }
`;
let listboxSheet = null;

/** Adds the list box's styles to the widget's shadow root `root` (once per root), as styles.js
 * adds the widget's: a constructed sheet, or a <style> element in older browsers. */
function adoptListboxStyles(root) {
  if (!(root instanceof ShadowRoot)) return;
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    listboxSheet ??= new CSSStyleSheet();
    if (!listboxSheet.cssRules.length) listboxSheet.replaceSync(LISTBOX_CSS);
    if (!root.adoptedStyleSheets.includes(listboxSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, listboxSheet];
  } else if (!root.querySelector('style[data-listbox]')) {
    root.append(el('style', { 'data-listbox': '' }, LISTBOX_CSS));
  }
}

/** A place name without its level character: 下陆区 → 下陆 (as people type it). */
export function placeStem(place) {
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


/**
 * The unit suggestions under the question box (an ARIA combobox): the units whose names match
 * the end of what is typed, picked with the mouse or the arrow keys and Enter.
 */
export class UnitSuggestions {
  /** `input` and `list` are the combobox's elements, `id` their id prefix; `directory()` gives
   * {units, nameCount}; `onPick(question)` asks the question a pick made. */
  constructor(input, list, id, directory, onPick) {
    Object.assign(this, { input, list, id, directory, onPick });
    this.options = [];
    this.active = -1;
    adoptListboxStyles(input.getRootNode());
  }

  update() {
    const value = this.input.value;
    const found = suggestUnits(this.directory().units, value);
    this.options = found;
    this.active = -1;
    this.list.replaceChildren();
    if (!found.length) {
      this.close();
      return;
    }
    found.forEach((f, i) => {
      const u = f.unit;
      const leads = u.lead + u.responsible_first;
      const li = el(
        'li',
        { id: `${this.id}-opt-${i}`, role: 'option', class: 'option', 'aria-selected': 'false', 'data-index': i },
        el('span', { class: 'name' }, u.name),
        el('span', { class: 'place' }, u.place),
        el('span', { class: 'count' }, `牵头 ${leads} · 参与 ${u.support + u.responsible}`),
      );
      this.list.append(li);
    });
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.input.removeAttribute('aria-activedescendant');
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  setActive(i) {
    const items = this.list.querySelectorAll('[role="option"]');
    if (!items.length) return;
    this.active = (i + items.length) % items.length;
    items.forEach((li, k) => {
      li.classList.toggle('active', k === this.active);
      li.setAttribute('aria-selected', k === this.active ? 'true' : 'false');
    });
    this.input.setAttribute('aria-activedescendant', items[this.active].id);
    items[this.active].scrollIntoView({ block: 'nearest' });
  }

  onKey(e) {
    const open = !this.list.hidden;
    if (e.key === 'ArrowDown') {
      if (!open) this.update();
      if (!this.list.hidden) {
        e.preventDefault();
        this.setActive(this.active + 1);
      }
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      this.setActive(this.active - 1);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      this.close();
    } else if (e.key === 'Enter' && open && this.active >= 0) {
      e.preventDefault();
      this.pick(this.active);
    }
  }

  /** Replaces the typed end of the question with the chosen unit and asks about it. */
  pick(i) {
    const f = this.options[i];
    if (!f) return;
    const chars = Array.from(this.input.value.replace(/\s+$/u, ''));
    const head = chars.slice(0, chars.length - f.suffix).join('');
    const u = f.unit;
    let value = head + u.name;
    if ((this.directory().nameCount.get(u.name) || 0) > 1 && !head.includes(u.place)) {
      // The name exists in several places: say which (下陆 + 区财政局 → 下陆区区财政局).
      const stem = placeStem(u.place);
      value = (head.endsWith(stem) ? head.slice(0, head.length - stem.length) : head) + u.place + u.name;
    }
    this.input.value = value;
    this.close();
    this.input.focus();
    this.onPick(this.input.value);
  }
}
