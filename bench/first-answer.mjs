// The moment a benchmarked page's first answer is on screen, shared by bench/peers and bench/ab.

/** Makes the page (before it loads) set `window.__firstAnswer`: a promise of the time of its
 * first answer in the DOM (plan-lookup's widget or the peers' harness), rejected with the page's
 * own error if it fails to load instead; and `window.__answerPainted`: the time that answer's
 * frame was rendered. */
export function watchFirstAnswer(page) {
  return page.addInitScript(() => {
    // The first answer in the DOM (the event), then on screen: the end of the main thread's
    // work for the next frame (style, layout, paint), taken by a task queued from that frame's
    // animation callback, which runs once the frame is done.
    let painted;
    window.__answerPainted = new Promise((resolve) => (painted = resolve));
    window.__firstAnswer = new Promise((resolve, reject) => {
      const done = () => {
        resolve(performance.now());
        requestAnimationFrame(() => setTimeout(() => painted(performance.now()), 0));
      };
      document.addEventListener('plan-lookup-answer', done, { once: true });
      document.addEventListener('bench-answer', done, { once: true });
      document.addEventListener('plan-lookup-error', (e) => reject(new Error(e.detail && e.detail.message)), { once: true });
      document.addEventListener('bench-error', (e) => reject(new Error(e.detail)), { once: true });
    });
  });
}

/** Opens `url` in a new page of `context` with Chromium tracing the `categories`, until its
 * first answer is in the DOM (with `untilPainted`, until that answer's frame is rendered);
 * resolves to the trace events and the answer's time (ms since navigation). */
export async function tracedFirstAnswer(context, url, categories, { untilPainted = false } = {}) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await watchFirstAnswer(page);
  await page.goto(url);
  const t = await page.evaluate(() => window.__firstAnswer);
  if (untilPainted) await page.evaluate(() => window.__answerPainted);
  await cdp.send('Tracing.end');
  await complete;
  return { events, t };
}
