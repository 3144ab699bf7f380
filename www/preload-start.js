// The offline page's first script (www/README.md, "preload-start.js"): starts compiling the
// query module and reading the data file each <link rel="preload" as="fetch"> names, for
// plan-lookup.js to take over (takeStarted), unless plan-lookup.js has begun loading already.
// scripts/build-web minifies it to preload-start.min.js, which index.html loads.
(() => {
  const started = (globalThis.__planLookupStarted ??= new Map());
  if (!started) return; // plan-lookup.js is loading already
  for (const link of document.querySelectorAll('link[rel=preload][as=fetch]')) {
    const wasm = link.type === 'application/wasm';
    if (wasm && !WebAssembly.compileStreaming) continue;
    const bytes = fetch(link.href).then((r) => (r.ok ? r : Promise.reject(new Error(r.status))));
    const work = bytes.then((r) => (wasm ? WebAssembly.compileStreaming(r) : r.arrayBuffer()));
    work.catch(() => {});
    started.set(link.href, work);
  }
})();
