import { launch } from '../tests/browser/helpers.mjs';
import { startServer } from '../scripts/serve.mjs';
import { tracedFirstAnswer } from './first-answer.mjs';
const root = process.argv[2] || 'www';
const n = +process.argv[3] || 8;
const srv = await startServer({ root });
const base = srv.url.endsWith('/') ? srv.url : srv.url + '/';
const browser = await launch();
for (let i = 0; i < n + 1; i++) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const url = base + 'index.html?q=' + encodeURIComponent('区司法局牵头哪些任务');
  const { events, t } = await tracedFirstAnswer(context, url, 'toplevel,devtools.timeline,v8,v8.wasm,blink.user_timing', { untilPainted: true });
  await context.close();
  if (i < 1) continue;
  const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame).sort((a, b) => b.ts - a.ts)[0];
  const t0 = nav.ts;
  const at = (e) => ((e.ts - t0) / 1000).toFixed(0);
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ts > t0 && e.ts - t0 < (t + 80) * 1000);
  const lays = main.filter((e) => e.name === 'Layout').map((e) => `${at(e)}+${(e.dur / 1000).toFixed(1)}(${e.args.beginData.dirtyObjects})`);
  const rs = main.filter((e) => ['UpdateLayoutTree','Paint','PrePaint','Layerize','Commit','FunctionCall','RunMicrotasks','EventDispatch','TimerFire','FireAnimationFrame','ParseAuthorStyleSheet','v8.callFunction'].includes(e.name) && e.dur > 1500 && (e.ts - t0) / 1000 > t - 1).map((e)=>Object.assign({},e,{name2:e.name})).map((e) => `${e.name2}@${at(e)}+${(e.dur / 1000).toFixed(1)}`);
  const marks = Object.fromEntries(events.filter((e) => e.name.startsWith('plan-lookup:')).map((e) => [e.name.slice(12), at(e)]));
  const lazy = main.filter((e) => e.name === 'wasm.CompileLazy').reduce((s, e) => s + e.dur, 0) / 1000;
  console.log(`answer ${t.toFixed(0)} layouts ${lays.join(' ')} style ${rs.join(' ')} lazy ${lazy.toFixed(1)} marks ${JSON.stringify(marks)}`);
}
await browser.close();
await srv.close();
