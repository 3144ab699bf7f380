// The offline page: the <plan-lookup> widget, the service worker, and the data version shown.
import { whenIdle } from './plan-lookup-widget.js';

const widget = document.getElementById('lookup');
const versionEl = document.getElementById('data-version');
const offlineEl = document.getElementById('offline-state');
const banner = document.getElementById('update');
const bannerText = document.getElementById('update-text');
const bannerButton = document.getElementById('update-button');

widget.addEventListener('plan-lookup-ready', (e) => {
  const info = e.detail;
  versionEl.textContent = `${info.dataVersion}（${info.documents.length} 份文件，${info.measures} 条任务）`;
  document.documentElement.dataset.dataVersion = info.dataVersion ?? '';
});
widget.addEventListener('plan-lookup-error', () => {
  versionEl.textContent = '未能加载';
});

/** Asks a worker which build it holds: {build, dataVersion}. */
function askVersion(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data);
    worker.postMessage({ type: 'version' }, [channel.port2]);
    setTimeout(() => resolve(null), 3000);
  });
}

async function offerUpdate(worker) {
  const v = await askVersion(worker);
  bannerText.textContent = v ? `新的数据（版本 ${v.dataVersion}）已下载，可离线使用。` : '新的数据已下载。';
  banner.hidden = false;
  document.documentElement.dataset.updateReady = v ? v.dataVersion : 'yes';
  bannerButton.onclick = () => {
    bannerButton.disabled = true;
    let reloaded = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloaded) return;
      reloaded = true;
      location.reload();
    });
    worker.postMessage({ type: 'skip-waiting' });
  };
}

/** The service worker's script URL. The page's CSP requires Trusted Types for script URLs, so
 * it goes through a policy that admits only this page's own sw.js and nothing else. */
function workerScriptUrl() {
  const url = new URL('sw.js', document.baseURI).href;
  if (!window.trustedTypes) return url;
  const policy = window.trustedTypes.createPolicy('plan-lookup-sw', {
    createScriptURL: (s) => {
      if (s !== url) throw new TypeError(`plan-lookup: refusing service worker script ${s}`);
      return s;
    },
  });
  return policy.createScriptURL(url);
}

async function setUpOffline() {
  if (!('serviceWorker' in navigator)) {
    offlineEl.textContent = '此浏览器不支持离线使用。';
    return;
  }
  try {
    const reg = await navigator.serviceWorker.register(workerScriptUrl(), { updateViaCache: 'none' });
    if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
    const watch = (worker) => {
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
        if (worker.state === 'redundant' && !navigator.serviceWorker.controller) {
          offlineEl.textContent = '离线缓存未能完成（下载中断或网站正在更新），下次打开本页时会重试。';
        }
      });
    };
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));

    const active = (await navigator.serviceWorker.ready).active;
    const v = active ? await askVersion(active) : null;
    offlineEl.textContent = v ? `已可离线使用（离线数据版本 ${v.dataVersion}）：断网后仍可查询。` : '已可离线使用：断网后仍可查询。';
    document.documentElement.dataset.offlineReady = 'yes';
  } catch (e) {
    offlineEl.textContent = `离线功能未能启用：${e && e.message ? e.message : e}`;
  }
}

// The service worker is registered once the widget has its data (or has failed to get it), in
// idle time: registering and asking the worker for its version cost the main thread several ms,
// and the worker's install downloads the whole build again, neither of which the first answer
// should wait for. `plan-lookup-ready` fires just before a question from the URL is answered, in
// the same task, so the idle callback runs after that answer.
let offlineStarted = false;
function startOffline() {
  if (offlineStarted) return;
  offlineStarted = true;
  whenIdle(setUpOffline);
}
widget.addEventListener('plan-lookup-ready', startOffline);
widget.addEventListener('plan-lookup-error', startOffline);
