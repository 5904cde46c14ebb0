// Bundles the server (our TypeScript, workspace packages included; npm packages stay external) into
// dist/server/, so `npm start` runs plain Node: faster start and ~40 MB less memory
// than compiling TypeScript at run time. Tests run the sources through tsx instead.
import { build } from 'esbuild';

// npm packages stay external; our own workspace packages (@turnero/*) are TypeScript
// sources and are bundled like the server's own files.
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@turnero/') ? undefined : { path: args.path, external: true },
    );
  },
};

const started = Date.now();
await build({
  entryPoints: {
    main: 'server/src/main.ts',
    'migrate-worker': 'server/src/db/migrate-worker.ts',
  },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [externalNpmPackages],
  splitting: true,
  sourcemap: true,
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
});
console.log(`server bundled into dist/server/ in ${Date.now() - started} ms`);
