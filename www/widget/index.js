// The entry of plan-lookup-widget.js: scripts/build-web bundles it, with what it imports (the
// widget's parts here and ../plan-lookup.js), into one file, so a portal embeds the widget with
// one script tag. Importing it defines <plan-lookup>.

import { PlanLookup } from '../plan-lookup.js';
import { answerToCsv as csvText } from './csv.js';

export { PlanLookupElement, QUIET_START_MS } from './element.js';
export { whenIdle, saveFile, el, highlighted } from './dom.js';
export { csvCell } from './csv.js';
export { suggestUnits } from './suggest.js';

/** The answer as CSV text (csv.js), its roles named by the short labels once a lookup has
 * loaded; before that (a script that imports only this) they stay machine names. */
export function answerToCsv(answer, roleLabels = roleLabelsIfLoaded()) {
  return csvText(answer, roleLabels);
}

function roleLabelsIfLoaded() {
  try {
    return PlanLookup.LABELS.roleShort;
  } catch {
    return {};
  }
}
