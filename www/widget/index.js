// The entry of plan-lookup-widget.js: scripts/build-web bundles it, with what it imports (the
// widget's parts here and ../plan-lookup.js), into one file, so a portal embeds the widget with
// one script tag. Importing it defines <plan-lookup>.

export { PlanLookupElement } from './element.js';
export { whenIdle, saveFile, el, highlighted } from './dom.js';
export { csvCell, answerToCsv } from './csv.js';
export { suggestUnits } from './suggest.js';
