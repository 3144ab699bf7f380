// The offline page: the <plan-lookup> widget, the service worker, and the data version shown.
import { whenIdle } from './widget/index.js';
import { quietUntilReady } from './quiet-page.js';
import { adoptPageStyles } from './page-styles.js';
// offline.js (the service worker's set-up) is imported when the page is idle after its first
// answer, not bundled: it is no part of that answer (scripts/build-web keeps it external).
const offline = () => import('./offline.js');

adoptPageStyles();
const widget = document.getElementById('lookup');
const versionEl = document.getElementById('data-version');
const offlineEl = document.getElementById('offline-state');

quietUntilReady(widget);

widget.addEventListener('plan-lookup-ready', (e) => {
  const info = e.detail;
  versionEl.textContent = `${info.dataVersion}（${info.documents.length} 份文件，${info.measures} 条任务）`;
  document.documentElement.dataset.dataVersion = info.dataVersion ?? '';
});
widget.addEventListener('plan-lookup-error', () => {
  versionEl.textContent = '未能加载';
});

// The service worker is registered once the widget has its data (or has failed to get it), in
// idle time: registering and asking the worker for its version cost the main thread several ms,
// and the worker's install downloads the whole build again, neither of which the first answer
// should wait for. `plan-lookup-ready` fires just before a question from the URL is answered, in
// the same task, so the idle callback runs after that answer.
let offlineStarted = false;
function startOffline() {
  if (offlineStarted) return;
  offlineStarted = true;
  whenIdle(() =>
    offline().then(
      ({ setUpOffline, offerUpdate }) => setUpOffline(offlineEl, offerUpdate),
      () => {
        offlineEl.textContent = '离线功能未能启动（脚本未能下载）；刷新页面可重试。';
      },
    ),
  );
}
widget.addEventListener('plan-lookup-ready', startOffline);
widget.addEventListener('plan-lookup-error', startOffline);
