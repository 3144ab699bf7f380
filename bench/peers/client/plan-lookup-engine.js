// plan-lookup on the peers' bare page (the harness they all share): its JS API as a portal
// would call it without the widget. The page makes the same requests the peers' pages make
// (page, app.js, harness.js, engine.js, then the library and its data), with no preload hints
// and no bundling of the page, so the cold first answer compares the engines, not the pages
// around them. The library is its minified build, plan-lookup.min.js (the API and the query
// module's glue), as the peers' pages import theirs (fuse.min.mjs, flexsearch…min.mjs); its
// data is the bundle, data/plans.wasm (the query module with the data file inside, built by
// scripts/build-web), as the peers' pages fetch one docs.json.
import { PlanLookup } from './plan-lookup.min.js';
import { answer } from './harness.js';

/** Loads `url` (build.mjs names the bundle, or for an older build the data file). */
export async function open(url) {
  const lookup = await PlanLookup.load(url);
  return {
    // The question as asked (plan-lookup reads questions); every match's id and the first ten
    // results' titles, what the harness asks of every peer: find() ranks the matches as ask()
    // does, without building each result's text, highlights and summary (a results list takes
    // measure(id) for the rows it shows).
    search(q) {
      const found = lookup.find(q);
      return answer(Array.from(found.ids), (id) => lookup.measure(id).title);
    },
  };
}
