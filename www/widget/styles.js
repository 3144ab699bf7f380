// The widget's styles, adopted into each instance's Shadow DOM as one constructed stylesheet
// (no inline <style>: works under a strict CSP).
//
// The font stack names the Chinese UI fonts of each platform and no `system-ui`: system-ui
// follows the OS locale (Japanese or Korean fonts for Chinese text on such systems), and on
// Linux resolving it cost the page's first layout ~10 ms (A/B of the offline page, 2×31 cold
// loads: the first answer 13–15 ms sooner without it).

const CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: var(--plan-lookup-font, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif);
  font-size: var(--plan-lookup-font-size, 16px);
  line-height: 1.6;
  color: var(--plan-lookup-fg, #1f2328);
  background: var(--plan-lookup-bg, #ffffff);
  text-align: start;
  overflow-wrap: anywhere;
  min-width: 0;
}
.root.quiet { display: none; }
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
/* The suggestions' list box has its own sheet (suggest.js), adopted when they first show. */
[role="listbox"][hidden] { display: none; }
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
/* Results off screen are not laid out or painted until scrolled near (they stay in the page for
   find, print and screen readers): a long answer's first frame lays out what is in view. The
   size stands in for an item not laid out yet (items measure 190–340 px wide, 330–620 narrow). */
ol.measures > li { margin: 0 0 .8em; content-visibility: auto; contain-intrinsic-size: auto 260px; }
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
  ol.measures > li { content-visibility: visible; }
  h3 { break-after: avoid; }
}
`;


let sheet = null;
/** Gives `shadow` the widget's stylesheet. */
export function adoptStyles(shadow) {
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

