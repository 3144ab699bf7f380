// What the widget tells readers when the data cannot be loaded.

/** What went wrong loading the data file, in words for readers (the widget shows the
 * technical message below it), from the PlanLookupError's `code` and, for data files, `reason`. */
export function loadProblem(e) {
  const code = e && e.code;
  const msg = String((e && e.message) || e);
  if (code === 'config') return msg;
  if (code === 'network') {
    return navigator.onLine === false
      ? '当前处于离线状态，且本机尚未缓存数据。请联网后点“重试”。'
      : '数据文件下载失败（网络中断，或文件地址有误）。请检查网络后点“重试”；若仍失败，请告知网站管理员。';
  }
  if (code === 'data') {
    const what =
      {
        truncated: '数据文件不完整（下载或复制中断）',
        version: '数据文件的版本与本查询程序不符',
        'not-a-data-file': '收到的不是任务数据文件（可能是网站返回的错误页面）',
        'wrong-kind': '数据文件的类型不对（分片清单与单个数据文件用错了地方）',
        'shard-mismatch': '数据文件来自两次不同的生成（部署未完成）',
      }[e.reason] ?? '数据文件已损坏';
    return `${what}。请点“重试”；若仍失败，请告知网站管理员重新生成数据文件。`;
  }
  if (code === 'wasm') return '浏览器未能加载查询程序（WebAssembly）。请刷新页面，或换用较新的浏览器。';
  return '出现意外错误。请点“重试”；若仍失败，请告知网站管理员。';
}

