// SPDX-License-Identifier: AGPL-3.0-or-later
// Module boundaries, import cycles and "SQL only in repositories", checked in `npm test` (scripts/test.ts) and by
// `npm run check:imports`. See docs/conventions.md ("Layout"); test/unit/boundaries.test.ts plants a violation of
// each rule and expects this to fail.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'An import cycle, type-only imports included: split the shared part out, or invert the dependency.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-module',
      comment: 'platform/ is the foundation every module builds on: it must not know about any module.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|seed|cli)/' },
    },
    {
      name: 'no-deep-imports-into-another-module',
      comment:
        "Import another module through its index.ts. Exceptions: a *.table.ts may import another module's " +
        '*.table.ts for foreign keys (the index would pull the whole module into drizzle-kit), and a test may ' +
        "read another module's *.table.ts to check what was stored.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: ['\\.table\\.ts$', '\\.test\\.ts$'] },
      to: {
        path: '^src/modules/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'tests-read-only-tables-across-modules',
      comment: "A test may reach into another module only for that module's *.table.ts.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/.+\\.test\\.ts$' },
      to: {
        path: '^src/modules/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', '\\.table\\.ts$'],
      },
    },
    {
      name: 'tables-import-only-tables-across-modules',
      comment: "A *.table.ts may reach into another module only for that module's *.table.ts.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/.+\\.table\\.ts$' },
      to: {
        path: '^src/modules/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', '\\.table\\.ts$'],
      },
    },
    {
      name: 'sql-only-in-repositories',
      comment:
        'Queries live in a *.repository.ts (docs/conventions.md): a service, handler or presenter calls one. ' +
        'Tables, tests, seeds, benches and fixtures may use drizzle-orm directly.',
      severity: 'error',
      from: {
        path: '^src/modules/',
        pathNot: [
          '\\.repository\\.ts$',
          '\\.table\\.ts$',
          '\\.test\\.ts$',
          '\\.seed\\.ts$',
          '\\.bench\\.ts$',
          '/bench/',
          '\\.fixtures\\.ts$',
        ],
      },
      to: { path: '(^|/)drizzle-orm($|/)' },
    },
    {
      name: 'pages-call-services',
      comment:
        'A page (handler, form, presenter under web/) calls a service, never a repository: access checks, audit ' +
        'and transactions live in services. Importing a row type from a repository is allowed.',
      severity: 'error',
      from: { path: '/web/', pathNot: '\\.test\\.ts$' },
      to: { path: '\\.repository\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
}
