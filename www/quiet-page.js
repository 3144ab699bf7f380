// The offline page opened with a question in its URL (a shared link, ?q=…) is painted once, with
// its answer: until the widget has its data (plan-lookup-ready, which comes just before the
// URL's answer in the same task), fails, or QUIET_START_MS pass, the page's body is not
// displayed (`html.quiet` in page-styles.js), so no frame lays out and paints the page's Chinese text
// while the query module and data are still on their way. That frame (its style, layout and a
// font's first use, 20–30 ms here) sat on the main thread the first answer was waiting for:
// bench/ab/run measured the answer ~31 ms sooner and on screen ~35 ms sooner. index.html makes
// the bundle render-blocking (`blocking="render"`), so this runs before any frame.
import { QUIET_START_MS } from './widget/index.js';

/** Hides the page until `widget` is ready or has failed, at most QUIET_START_MS, when the page
 * was opened with a question for it. */
export function quietUntilReady(widget) {
  if (!widget.questionInUrl) return;
  // A browser without `blocking="render"` may have painted the page already: hiding it now
  // would make it flash.
  if (performance.getEntriesByType('paint').length > 0) return;
  const root = document.documentElement;
  root.classList.add('quiet');
  const show = () => {
    clearTimeout(timer);
    root.classList.remove('quiet');
    widget.removeEventListener('plan-lookup-ready', show);
    widget.removeEventListener('plan-lookup-error', show);
  };
  const timer = setTimeout(show, QUIET_START_MS);
  widget.addEventListener('plan-lookup-ready', show);
  widget.addEventListener('plan-lookup-error', show);
}
