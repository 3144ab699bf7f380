// offline.js: registers the service worker (sw.js) that keeps every page of the build working
// offline, and says so in a status element. Used by the offline page (app.js) and the builder
// page (builder.js).

/** Asks a worker which build it holds: {build, dataVersion}, or null if it does not answer. */
export function askVersion(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data);
    worker.postMessage({ type: 'version' }, [channel.port2]);
    setTimeout(() => resolve(null), 3000);
  });
}

/** The service worker's script URL. The pages' CSP requires Trusted Types for script URLs, so
 * it goes through a policy that admits only the build's own sw.js and nothing else. */
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

/** The offline page's banner (#update, #update-text, #update-button) offering a newer build
 * that `worker` has installed: its button hands over to it and reloads. */
export async function offerUpdate(worker) {
  const banner = document.getElementById('update');
  const button = document.getElementById('update-button');
  const v = await askVersion(worker);
  document.getElementById('update-text').textContent = v ? `新的数据（版本 ${v.dataVersion}）已下载，可离线使用。` : '新的数据已下载。';
  banner.hidden = false;
  document.documentElement.dataset.updateReady = v ? v.dataVersion : 'yes';
  button.onclick = () => {
    button.disabled = true;
    let reloaded = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloaded) return;
      reloaded = true;
      location.reload();
    });
    worker.postMessage({ type: 'skip-waiting' });
  };
}

/**
 * Registers sw.js and writes the offline state into `status` (an element). `onUpdate(worker)`
 * is called when a newer build is installed and waiting. Sets `data-offline-ready` on <html>
 * once the pages work offline.
 */
export async function setUpOffline(status, onUpdate = () => {}) {
  if (!('serviceWorker' in navigator)) {
    status.textContent = '此浏览器不支持离线使用。';
    return;
  }
  try {
    const reg = await navigator.serviceWorker.register(workerScriptUrl(), { updateViaCache: 'none' });
    if (reg.waiting && navigator.serviceWorker.controller) onUpdate(reg.waiting);
    const watch = (worker) => {
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) onUpdate(worker);
        if (worker.state === 'redundant' && !navigator.serviceWorker.controller) {
          status.textContent = '离线缓存未能完成（下载中断或网站正在更新），下次打开本页时会重试。';
        }
      });
    };
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));

    const active = (await navigator.serviceWorker.ready).active;
    const v = active ? await askVersion(active) : null;
    status.textContent = v ? `已可离线使用（离线数据版本 ${v.dataVersion}）：断网后仍可使用。` : '已可离线使用：断网后仍可使用。';
    document.documentElement.dataset.offlineReady = 'yes';
  } catch (e) {
    status.textContent = `离线功能未能启用：${e && e.message ? e.message : e}`;
  }
}
