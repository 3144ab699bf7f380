#!/usr/bin/env node
// A small static file server for www/ (no dependencies): used by scripts/demo, the browser tests
// and the benchmark. Binds 127.0.0.1 only. Serves .wasm as application/wasm, gzips text/wasm/data
// when the client accepts it (FILE.gz when the build precompressed it; once per version of a file), sends `Cache-Control: no-cache`, and sends the strict
// Content-Security-Policy the widget must work under with every HTML page (`csp` replaces it,
// e.g. to add Trusted Types in a test).
//
//   node scripts/serve.mjs [--root DIR] [--port N]      prints http://127.0.0.1:PORT/

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.bin', '.svg', '.txt', '.ts']);

/**
 * `body` (the contents of `file`) gzipped: `file`.gz when the build wrote one that decodes to
 * `body` (scripts/build-web precompresses the program files with zopfli, as nginx's
 * `gzip_static on;` would send them), else gzipped here at level 9. Either is done once per
 * version of the file, as a production server serves precompressed files (gzip_static, a CDN's
 * cache): the server's compression time is not the page's. Without the cache, each request
 * gzipped its file again on this process's only thread, and on a 2-core machine that held up
 * every response and took CPU from the browser being measured.
 */
const gzipCache = new Map();
function gzipped(file, body) {
  const hit = gzipCache.get(file);
  if (hit && hit.raw.equals(body)) return hit.gz;
  let gz = null;
  try {
    const pre = fs.readFileSync(`${file}.gz`);
    if (zlib.gunzipSync(pre).equals(body)) gz = pre; // a stale .gz is never sent
  } catch {
    // no precompressed copy, or not gzip: compress here
  }
  gz ??= zlib.gzipSync(body, { level: 9 });
  gzipCache.set(file, { raw: body, gz });
  return gz;
}

/** Starts serving `root`; resolves to {server, url, close()}. `port` 0 picks a free port. */
export function startServer({ root, port = 0, log = false, csp = CSP } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = path.join(base, pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    } catch {
      /* handled below */
    }
    fs.readFile(file, (err, body) => {
      if (log) console.error(`${req.method} ${req.url} ${err ? 404 : 200}`);
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' }).end(`not found: ${pathname}\n`);
        return;
      }
      const ext = path.extname(file).toLowerCase();
      const headers = {
        'Content-Type': TYPES[ext] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (ext === '.html') headers['Content-Security-Policy'] = csp;
      if (pathname.endsWith('/sw.js')) headers['Service-Worker-Allowed'] = '/';
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        body = gzipped(file, body);
        headers['Content-Encoding'] = 'gzip';
        headers['Vary'] = 'Accept-Encoding';
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      const close = () =>
        new Promise((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        });
      resolve({ server, url, close });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const root = opt('--root', path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'www'));
  const { url, close } = await startServer({ root, port: Number(opt('--port', 0)), log: args.includes('--log') });
  console.log(url);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
