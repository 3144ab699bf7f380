// Small DOM helpers of the widget and the builder page: elements built with DOM APIs only (plan
// text is untrusted and only ever set as text), highlights, downloads, idle and paint timing.

/** Runs `fn` once the browser is idle (requestIdleCallback; a short timeout where there is none). */
export function whenIdle(fn, timeout = 2000) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout });
  else setTimeout(fn, 50);
}

/** Runs `fn` in a task after the next frame is painted (or after 100 ms when no frame comes,
 * e.g. in a hidden tab), so what is in the DOM now reaches the screen first. */
export function afterPaint(fn) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 100);
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
export function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text != null) node.textContent = String(text);
  return node;
}

/** `text` with the char ranges of `highlights` (code-point offsets) wrapped in <mark>. */
export function highlighted(text, highlights) {
  const frag = document.createDocumentFragment();
  // Most texts of an answer have no highlight (every result of a unit question): no split into
  // code points.
  if (!highlights.length) {
    frag.append(text);
    return frag;
  }
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

