// The widget's parts no first answer needs, fetched when first used (typing, the CSV button, a
// sharded build's answer across places) or when the page is idle after its first answer.
//
// scripts/build-web bundles this file into www/on-demand.js for the offline page, whose bundle
// (app.bundle.js, next to it in www/) imports './on-demand.js' at run time: the bytes before the
// first answer leave these parts out. The widget bundle (plan-lookup-widget.js) keeps them
// inside, so a portal still embeds one file. Unbundled, element.js imports this source file.
// Nothing here may import ../plan-lookup.js: the copy bundled here would be a second one, with
// no module loaded.

export { UnitSuggestions } from './suggest.js';
export { answerToCsv, csvFileName } from './csv.js';
export { showAcross } from './across.js';
export { everydayTerms, askAgainWithTerms } from './everyday.js';
export { checkBundle } from './bundle-check.js';
