import { launch } from '../tests/browser/helpers.mjs';
import { startServer } from '../scripts/serve.mjs';
const srv = await startServer({ root: '/tmp/fontx' });
const base = srv.url.endsWith('/') ? srv.url : srv.url + '/';
const browser = await launch();
const res = {};
for (let r = 0; r < 12; r++) for (const v of ['plain','bold','stack','stackbold']) {
  const c = await browser.newContext();
  const p = await c.newPage();
  await p.goto(base + v + '/index.html');
  const t = await p.waitForFunction(() => window.__t).then((h) => h.jsonValue());
  (res[v] ??= []).push(t);
  await c.close();
}
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k, v[v.length >> 1].toFixed(1), v.map((x) => x.toFixed(1)).join(' ')); }
await browser.close(); await srv.close();
