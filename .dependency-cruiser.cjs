// Package boundaries, checked in the suite (test/architecture.test.ts):
//   - no import cycles;
//   - a package reaches another only through its public face (index.ts, or an entry its
//     package.json "exports" declares), never a deep file;
//   - every package declares the npm packages it imports in its own package.json;
//   - shipped code never imports test or benchmark helpers;
//   - the agents stay free of queue and database code; packages never import apps.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'not-to-unresolvable', severity: 'error', comment: 'an import that does not resolve (a path a package does not export)', from: {},
      // vega-lite publishes its spec types only under a path its exports map omits (tsc finds them).
      to: { couldNotResolve: true, pathNot: '^vega-lite/types_unstable/' } },
    { name: 'no-circular', severity: 'error', comment: 'import cycles make load order and ownership unclear', from: {}, to: { circular: true } },
    {
      name: 'no-deep-import',
      severity: 'error',
      comment: 'another package is reached through its index or a declared export entry',
      from: { path: '^(packages|apps)/([^/]+)/' },
      to: {
        path: '^(packages|apps)/',
        pathNot: [
          '^$1/$2/',
          '^(packages|apps)/[^/]+/src/index\\.ts$',
          '^packages/core/src/(config|queues/names|db/readiness)\\.ts$',
          '^packages/agents/src/testing\\.ts$',
          '^apps/worker/src/worker\\.command\\.ts$',
        ],
      },
    },
    {
      name: 'no-deep-import-from-outside',
      severity: 'error',
      comment: 'tests, benchmarks and scripts use the packages\' public faces too',
      from: { path: '^(test|bench|scripts)/' },
      to: {
        path: '^(packages|apps)/',
        pathNot: [
          '^(packages|apps)/[^/]+/src/index\\.ts$',
          '^packages/core/src/(config|queues/names|db/readiness)\\.ts$',
          '^packages/agents/src/testing\\.ts$',
          '^apps/worker/src/worker\\.command\\.ts$',
          '^packages/core/src/db/migrate\\.ts$',
        ],
      },
    },
    {
      name: 'undeclared-dependency',
      severity: 'error',
      comment: 'each package declares what it imports in its own package.json',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-test-helpers-in-shipped-code',
      severity: 'error',
      from: { path: '^(packages|apps)/[^/]+/src/', pathNot: ['\\.test\\.ts$', '\\.fixtures?\\.ts$', '/test-[^/]+\\.ts$', '/src/testing\\.ts$', '/src/search/test/', '/bench-[^/]+\\.ts$', '\\.bench\\.ts$'] },
      to: { path: ['\\.fixtures?\\.ts$', '/test-[^/]+\\.ts$', '/src/testing\\.ts$', '/src/search/test/', '^test/', '^bench/', '/bench-[^/]+\\.ts$', 'node_modules/(vitest|playwright-core)/'] },
    },
    {
      name: 'agents-free-of-queues-and-database',
      severity: 'error',
      from: { path: '^packages/agents/src/' },
      to: { path: ['^packages/core/', '^apps/', 'node_modules/(bullmq|ioredis|pg|@prisma)/'] },
    },
    { name: 'packages-never-import-apps', severity: 'error', from: { path: '^packages/' }, to: { path: '^apps/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default', 'types'], extensions: ['.ts', '.mjs', '.js', '.json'] },
  },
};
