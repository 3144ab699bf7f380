// The WebAssembly code a build's first answer compiles: Chromium compiles a wasm function on
// its first call (lazily, on the main thread, whole), so the bytes of the functions called
// before the first answer are what that answer pays in compiling. Unlike timings on this
// machine (single cold loads swing by ±20 ms), the figure is the same on every load of a build
// and question: a change that adds or removes code on the load path shows as such.
//
//   node bench/ab/compiled.mjs WWW [QUESTION]     (bench/ab/compiled installs what it needs)
//
// Loads the bare page (plan-lookup's API on the peers' harness, bench/peers/build.mjs) once,
// traced, reads each `wasm.CompileLazy` event's function, and sums those functions' bodies in
// the module's code section. In a build with names (`WASM_NAMES=1 scripts/build-web`) it lists
// the largest (TOP=N of them, default 25; names cut at W=N characters, default 110).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from '../../tests/browser/helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { buildPlanLookupBareSite } from '../peers/build.mjs';
import { tracedFirstAnswer } from '../first-answer.mjs';

/** Unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return [value, at];
  }
}

/** A module's functions: body size by function index (imports first, then the code
 * section's bodies in order), and names from the name section if it has one. */
export function wasmFunctions(bytes) {
  let imported = 0;
  const sizes = new Map();
  const names = new Map();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    const end = body + size;
    let p = body;
    const name = () => {
      const [n, q] = leb(bytes, p);
      p = q + n;
      return Buffer.from(bytes.subarray(q, q + n)).toString('utf8');
    };
    if (id === 2) {
      let count;
      [count, p] = leb(bytes, p);
      // A table's or memory's limits: flags, minimum, and a maximum when flags say so.
      const limits = () => {
        const flags = bytes[p++];
        [, p] = leb(bytes, p);
        if (flags & 1) [, p] = leb(bytes, p);
      };
      for (let i = 0; i < count; i++) {
        name();
        name();
        const kind = bytes[p++];
        if (kind === 0) {
          [, p] = leb(bytes, p);
          imported++;
        } else if (kind === 1) {
          p++; // the table's element type
          limits();
        } else if (kind === 2) {
          limits();
        } else if (kind === 3) {
          p += 2; // a global's type and mutability
        } else {
          throw new Error(`import kind ${kind} is not read here`);
        }
      }
    } else if (id === 10) {
      let count;
      [count, p] = leb(bytes, p);
      for (let i = 0; i < count; i++) {
        const [n, q] = leb(bytes, p);
        sizes.set(imported + i, n);
        p = q + n;
      }
    } else if (id === 0 && name() === 'name') {
      while (p < end) {
        const sub = bytes[p];
        const [n, q] = leb(bytes, p + 1);
        if (sub === 1) {
          let count;
          let r = q;
          [count, r] = leb(bytes, r);
          for (let i = 0; i < count; i++) {
            let index;
            [index, r] = leb(bytes, r);
            p = r;
            names.set(index, name());
            r = p;
          }
        }
        p = q + n;
      }
    }
    at = end;
  }
  return { sizes, names };
}

async function main() {
  const [www, question = '区司法局牵头哪些任务'] = process.argv.slice(2);
  if (!www) {
    console.error('usage: node bench/ab/compiled.mjs WWW [QUESTION]');
    process.exit(2);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-lookup-compiled-'));
  const bare = path.join(root, 'bare');
  fs.mkdirSync(bare);
  buildPlanLookupBareSite(bare, { label: 'plan-lookup, bare page' }, path.resolve(www));
  const wasmFile = ['data/plans.wasm', 'pkg/plan_lookup_query_bg.wasm'].map((f) => path.join(bare, f)).find((f) => fs.existsSync(f));
  const { sizes, names } = wasmFunctions(fs.readFileSync(wasmFile));
  const server = await startServer({ root });
  const browser = await launch();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const url = `${server.url}bare/index.html?q=${encodeURIComponent(question)}`;
    const { events } = await tracedFirstAnswer(context, url, 'v8.wasm,disabled-by-default-v8.wasm.detailed');
    await context.close();
    const compiled = new Set(events.filter((e) => e.name === 'wasm.CompileLazy' && e.args && 'func_index' in e.args).map((e) => e.args.func_index));
    if (compiled.size === 0) throw new Error('no wasm.CompileLazy events: this Chromium compiles eagerly or names the event otherwise');
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const used = [...compiled].reduce((a, f) => a + (sizes.get(f) ?? 0), 0);
    const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
    console.log(`${path.resolve(www)}, question "${question}" on the bare page:`);
    console.log(`code compiled before the first answer: ${kb(used)} in ${compiled.size} functions, of ${kb(total)} in ${sizes.size} (${path.relative(bare, wasmFile)})`);
    if (names.size) {
      console.log('\nlargest:');
      for (const f of [...compiled].sort((a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0)).slice(0, Number(process.env.TOP || 25))) {
        console.log(`${String(sizes.get(f)).padStart(7)}  ${(names.get(f) ?? `function ${f}`).replace(/\[[0-9a-f]{16}\]/g, '').slice(0, Number(process.env.W || 110))}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((e) => {
    console.error(`error: ${e.message}`);
    process.exit(1);
  });
}
