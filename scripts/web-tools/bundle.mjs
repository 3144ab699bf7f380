// esbuild with two additions, for scripts/build-web:
// - the widget's style sheets, kept in the sources as readable template literals (`const CSS =
//   \`…\``, no `${}` in them), are minified as CSS in the bundles. esbuild's --minify leaves a
//   string's contents as written, comments and indentation included: ~0.35 KB gz of the offline
//   page's first answer.
// - terser minifies esbuild's bundle again (two compress passes, names mangled): 0.6 KB gz less
//   of app.bundle.js (16.2 → 15.6 KB), bytes the first answer's 150 KB budget needs. esbuild
//   alone stays the bundler (terser bundles nothing) and keeps the source map terser carries on.
//
// Usage: node bundle.mjs ENTRY --outfile=FILE [--external:PATH ...] (the CLI's flag syntax).
import { build, transformSync } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { minify } from 'terser';

const [entry, ...flags] = process.argv.slice(2);
const outfile = flags.find((f) => f.startsWith('--outfile='))?.slice('--outfile='.length);
const external = flags.filter((f) => f.startsWith('--external:')).map((f) => f.slice('--external:'.length));
if (!entry || !outfile || flags.some((f) => !f.startsWith('--outfile=') && !f.startsWith('--external:'))) {
  console.error('usage: node bundle.mjs ENTRY --outfile=FILE [--external:PATH ...]');
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
    plugins: [minifyCss],
    write: false,
  });
} catch (e) {
  // esbuild has printed the errors.
  process.exit(1);
}
const output = (suffix) => bundled.outputFiles.find((f) => f.path.endsWith(suffix)).text;
const name = basename(outfile);
try {
  const min = await minify(output('.js').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'), {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { ascii_only: false },
    sourceMap: { content: output('.js.map'), url: `${name}.map` },
  });
  await writeFile(outfile, min.code);
  await writeFile(`${outfile}.map`, min.map);
} catch (e) {
  console.error(`terser could not minify ${name}: ${e.message ?? e}`);
  process.exit(1);
}
