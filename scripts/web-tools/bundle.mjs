// esbuild with these additions, for scripts/build-web:
// - the widget's style sheets, kept in the sources as readable template literals (`const CSS =
//   \`…\``, no `${}` in them), are minified as CSS in the bundles. esbuild's --minify leaves a
//   string's contents as written, comments and indentation included: ~0.35 KB gz of the offline
//   page's first answer.
// - terser minifies esbuild's bundle again (two compress passes, names mangled): 0.6 KB gz less
//   of app.bundle.js (16.2 → 15.6 KB), bytes the first answer's 150 KB budget needs. esbuild
//   alone stays the bundler (terser bundles nothing) and keeps the source map terser carries on.
// - with --mangle-private=CACHE, terser also shortens the private properties (`_name`, the
//   sources' convention) of bundles that share the cache file: the offline page's app.bundle.js
//   and on-demand.js (~0.15 KB gz of app.bundle.js, 15.84 → 15.70 KB). A property the external scripts read (`x._inner` in
//   authoring.js, which gets the API's internals) keeps its name, as do the wasm glue's
//   `__wbg_…`. The portal bundles keep every name: pages may read them.
// - the query module's glue is bundled with only the two exports plan-lookup.js uses
//   (queryGlueUsedExports below): ~0.4 KB gz less of app.bundle.js.
//
// Usage: node bundle.mjs ENTRY --outfile=FILE [--external:PATH ...] [--mangle-private=CACHE]
// (The CLI's flag syntax.)
import { build, transformSync } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { minify } from 'terser';

const [entry, ...flags] = process.argv.slice(2);
const outfile = flags.find((f) => f.startsWith('--outfile='))?.slice('--outfile='.length);
const external = flags.filter((f) => f.startsWith('--external:')).map((f) => f.slice('--external:'.length));
const mangleCache = flags.find((f) => f.startsWith('--mangle-private='))?.slice('--mangle-private='.length);
const known = ['--outfile=', '--external:', '--mangle-private='];
if (!entry || !outfile || flags.some((f) => !known.some((k) => f.startsWith(k)))) {
  console.error('usage: node bundle.mjs ENTRY --outfile=FILE [--external:PATH ...] [--mangle-private=CACHE]');
  process.exit(2);
}

// `const NAME_CSS = \`…\`;` or `const CSS = \`…\`;` at the start of a line.
const CSS_LITERAL = /^(const (?:\w+_)?CSS = )`([^`$]*)`;/gm;

const minifyCss = {
  name: 'minify-css-literals',
  setup(b) {
    b.onLoad({ filter: /[\\/]www[\\/]widget[\\/][^\\/]+\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(CSS_LITERAL, (_, head, css) => {
        const min = transformSync(css, { loader: 'css', minify: true }).code.trim();
        return `${head}${JSON.stringify(min)};`;
      });
      return { contents, loader: 'js' };
    });
  },
};

// plan-lookup.js imports the query module's glue (pkg/plan_lookup_query.js) for initSync and
// Lookup only: it compiles the module itself. Through that dynamic import esbuild keeps every
// export of the glue, and its default one, wasm-bindgen's own fetching init with its warnings,
// is ~0.5 KB gz of app.bundle.js never called. In a bundle the import reaches the glue through
// a module that re-exports just those two; pages that import plan-lookup.js unbundled load the
// glue as it is.
const queryGlueUsedExports = {
  name: 'query-glue-used-exports',
  setup(b) {
    b.onResolve({ filter: /^\.\/pkg\/plan_lookup_query\.js$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path),
      namespace: 'query-glue',
    }));
    b.onLoad({ filter: /.*/, namespace: 'query-glue' }, (args) => ({
      contents: `export { initSync, Lookup } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

let bundled;
try {
  bundled = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    charset: 'utf8',
    sourcemap: true,
    logLevel: 'warning',
    external,
    plugins: [minifyCss, queryGlueUsedExports],
    write: false,
  });
} catch (e) {
  // esbuild has printed the errors.
  process.exit(1);
}
const output = (suffix) => bundled.outputFiles.find((f) => f.path.endsWith(suffix)).text;
const name = basename(outfile);

// The private properties an external script reads, kept as named (with those an earlier bundle
// of the same cache kept), and the names given so far.
let privateNames = null;
if (mangleCache) {
  const cache = existsSync(mangleCache) ? JSON.parse(readFileSync(mangleCache, 'utf8')) : { reserved: [], names: {} };
  const reserved = new Set(cache.reserved);
  for (const ext of external) {
    const file = [dirname(entry), dirname(outfile)].map((d) => resolve(d, ext)).find((f) => existsSync(f));
    for (const m of file ? readFileSync(file, 'utf8').matchAll(/\._([a-z]\w*)/g) : []) reserved.add(`_${m[1]}`);
  }
  privateNames = { reserved: [...reserved].sort(), names: cache.names };
  // A name an earlier bundle of the cache shortened must not be kept here: the two would read
  // different properties of one object (give both bundles the same --external scripts).
  const shortened = privateNames.names?.props?.props ?? {};
  const clash = privateNames.reserved.filter((n) => `$${n}` in shortened);
  if (clash.length) {
    console.error(`bundle.mjs: ${name} keeps ${clash.join(', ')}, which an earlier bundle of ${mangleCache} shortened: build both with the same --external scripts`);
    process.exit(1);
  }
}
try {
  const min = await minify(output('.js').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'), {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: privateNames ? { properties: { regex: /^_[a-z]/, reserved: privateNames.reserved } } : true,
    nameCache: privateNames ? privateNames.names : undefined,
    format: { ascii_only: false },
    sourceMap: { content: output('.js.map'), url: `${name}.map` },
  });
  await writeFile(outfile, min.code);
  await writeFile(`${outfile}.map`, min.map);
  if (mangleCache) await writeFile(mangleCache, JSON.stringify(privateNames));
} catch (e) {
  console.error(`terser could not minify ${name}: ${e.message ?? e}`);
  process.exit(1);
}
