/**
 * Turnero's package boundaries, checked in CI by `npm run lint:deps` (dependency-cruiser).
 * A wrong import fails the build with the name of the rule it breaks. The arrows, as in
 * ARCHITECTURE.md: web apps -> web client -> contract -> domain; the server and the kiosk
 * agent use contract, domain and hardware; hardware stands alone; the domain is pure.
 */
const WEB_APPS = '^(dispenser/src|display|desk|hq|portal)/';
const OURS = '^(packages|server|hardware|dispenser|display|desk|hq|portal|tests|bench|scripts)/';
const TEST_FILE = '(\\.test\\.ts|/test-fixtures\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'web-apps-only-contract-and-web-client',
      comment:
        'A web app (kiosk, display, desk, head-office dashboard) imports only @turnero/contract, ' +
        '@turnero/web-client, npm packages and its own files: never the domain, the hardware, the server or another app.',
      severity: 'error',
      from: { path: WEB_APPS },
      to: { path: OURS, pathNot: ['^$1/', '^packages/(contract|web-client)/'] },
    },
    {
      name: 'no-import-from-scripts',
      comment:
        'scripts/ holds command-line tools, not a package: nothing that ships (server, packages, web apps, ' +
        'hardware) may import it. Code shared with a script lives in the shipping side (e.g. server/src/demo/) and the script imports it.',
      severity: 'error',
      from: { path: '^(server/src|packages|hardware|dispenser|display|desk|hq|portal)/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'hardware-stands-alone',
      comment: 'hardware/ could ship on its own: it imports nothing of ours outside hardware/ (its own printer status, clock, ticket data).',
      severity: 'error',
      from: { path: '^hardware/' },
      to: { path: OURS, pathNot: '^hardware/' },
    },
    {
      name: 'domain-is-pure',
      comment:
        'The domain decides on plain data: no node:* module, no npm package (no I/O), nothing of ours but itself. ' +
        'Its tests may use only the test tools (vitest, node:assert, fast-check).',
      severity: 'error',
      from: { path: '^packages/domain/', pathNot: TEST_FILE },
      to: { pathNot: '^packages/domain/' },
    },
    {
      name: 'domain-is-pure',
      comment: "The domain's tests: itself and the test tools only.",
      severity: 'error',
      from: { path: `^packages/domain/.*${TEST_FILE}` },
      to: {
        pathNot: ['^packages/domain/', '^node_modules/(vitest|@vitest|fast-check)/', '^(node:)?assert(/strict)?$'],
      },
    },
    {
      name: 'contract-only-domain',
      comment: 'The wire contract builds on the domain (and zod); nothing else of ours.',
      severity: 'error',
      from: { path: '^packages/contract/' },
      to: { path: OURS, pathNot: '^packages/(contract|domain)/' },
    },
    {
      name: 'web-client-no-server',
      comment: 'The browser-side client runs in the web apps: it never imports the server, the hardware or an app.',
      severity: 'error',
      from: { path: '^packages/web-client/' },
      to: { path: '^(server|hardware|dispenser|display|desk|hq|portal)/' },
    },
    {
      name: 'no-relative-import-across-packages',
      comment:
        'Packages are imported by name (@turnero/contract/dto), never by a relative path into ' +
        "another package or into server/src from outside it.",
      severity: 'error',
      from: { path: '^(packages/[^/]+|hardware|server/src|dispenser|display|desk|hq|portal)/' },
      to: { path: '^(packages/[^/]+|hardware|server/src)/', pathNot: '^$1/', dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'server-not-imported-by-packages',
      comment: 'The packages are used by the server, never the other way round.',
      severity: 'error',
      from: { path: '^(packages|hardware)/' },
      to: { path: '^server/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other, directly or through others, cannot be understood (or moved) one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Prisma's generated clients are not ours to shape (their files import each other).
    doNotFollow: { path: ['node_modules', '^server/src/db/generated/'] },
    exclude: { path: '^(dist|test-artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
