// The offline page's own styles (around the widget, which styles itself in its Shadow DOM),
// adopted by app.js: in the bundle, not a stylesheet request of their own, so that index.html
// makes no more requests before its first answer than it did before preload-start.js. The
// bundle is render-blocking, so no frame is painted without them.
const CSS = `
:root { color-scheme: light; --plan-lookup-accent: #0b57d0; }
* { box-sizing: border-box; }
html.quiet body { display: none; }
body {
  margin: 0; font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: #1f2328; background: #f3f5f8; line-height: 1.6;
}
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 .9rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.35rem; margin: 0; }
.lede { margin: .3rem 0 .8rem; color: #4d5561; }
main { background: #fff; border-radius: 12px; padding: .9rem; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
footer { font-size: .85rem; color: #4d5561; padding-top: .8rem; padding-bottom: 2rem; }
footer p { margin: .2rem 0; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
.banner { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 0 0 .8rem; padding: .6rem .8rem; border-radius: 8px; background: #e8f0fe; border: 1px solid #0b57d0; }
.banner[hidden] { display: none; }
.banner button { font: inherit; padding: .4rem .8rem; border-radius: 8px; border: 1px solid #0b57d0; background: #0b57d0; color: #fff; min-height: 2.5rem; }
button:focus-visible, a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
@media (max-width: 480px) { main { border-radius: 0; padding: .7rem .6rem; } header, footer { padding: 0 .6rem; } }
@media print { header .lede, .banner, footer #offline-state { display: none; } body { background: #fff; } main { box-shadow: none; } }
`;

/** Adds the page's styles to the document. (No <style> fallback: under the page's strict CSP
 * an inline style is refused, so a browser without adoptable sheets, as for the widget's, shows
 * the page unstyled either way.) */
export function adoptPageStyles() {
  if (!('adoptedStyleSheets' in Document.prototype)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
