// The fence: the import rules of docs/architecture.md, checked on every `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order and ownership unclear.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'formats-is-standalone',
      severity: 'error',
      comment: 'formats/ is a pure EN 16931 library: it imports nothing of ours.',
      from: { path: '^formats/' },
      to: { path: '^(src|db|workflows|test|bench)/' },
    },
    {
      name: 'db-knows-no-module',
      severity: 'error',
      comment: 'db/ holds the schema and the client: it knows no business module.',
      from: { path: '^db/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(src|workflows|formats|test|bench)/' },
    },
    {
      name: 'workflows-import-domain-only',
      severity: 'error',
      comment:
        "Workflow code is deterministic: it imports the SDK, other workflows, modules' domain/ and activity types.",
      from: { path: '^workflows/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [
          '^workflows/',
          '^src/[^/]+/domain/',
          '^src/activities\\.ts$',
          '^src/[^/]+/activities\\.ts$',
          'node_modules/@temporalio/(workflow|common)/',
        ],
      },
    },
    {
      name: 'workflows-import-activity-types-only',
      severity: 'error',
      comment: 'A workflow names its activities by type; their code runs in the worker, never in the workflow sandbox.',
      from: { path: '^workflows/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/activities\\.ts$', '^src/[^/]+/activities\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'domain/ holds pure rules importable by workflow code: no database, no I/O, no other layer of the module.',
      from: { path: '^src/[^/]+/domain/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [
          '^src/[^/]+/domain/',
          '^src/platform/calendar/',
          '^formats/',
          'node_modules/(@temporalio/(workflow|common)|decimal\\.js)/',
        ],
      },
    },
    {
      name: 'pages-and-routes-never-touch-db',
      severity: 'error',
      comment: 'Routes and pages call verbs; only verbs, queries and activities read or write the database.',
      from: { path: ['^src/.+/routes\\.tsx?$', '^src/.+/pages/', '^src/(web|portal)/'], pathNot: '\\.test\\.tsx?$' },
      to: { path: '^db/' },
    },
    {
      name: 'modules-meet-through-index',
      severity: 'error',
      comment: 'A module reaches another only through its index.ts (or its pure domain/).',
      from: { path: '^src/([^/]+)/', pathNot: ['\\.test\\.tsx?$', '^src/(seed|portal|cli)/'] },
      to: {
        path: '^src/([^/]+)/',
        pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^src/[^/]+/domain/', '^src/platform/', '^src/web/'],
      },
    },
    {
      name: 'composition-through-index',
      severity: 'error',
      comment: 'The seed, the portal and the command line compose modules through their index.ts.',
      from: { path: '^src/(seed|portal|cli)/', pathNot: '\\.test\\.tsx?$' },
      to: {
        path: '^src/(?!seed/|portal/|cli/|platform/|web/)[^/]+/',
        pathNot: ['^src/[^/]+/index\\.ts$', '^src/[^/]+/domain/'],
      },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'platform/ and web/ are the shared base: business modules build on them, never the reverse.',
      from: { path: '^src/(platform|web)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/(?!platform/|web/)[^/]+/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A file nothing imports is dead code (entry points, tests, benchmarks and configs excepted).',
      from: {
        orphan: true,
        pathNot: [
          '\\.test\\.tsx?$',
          '\\.d\\.ts$',
          '(^|/)\\.[^/]+\\.(c|m)?js$',
          '\\.config\\.(ts|js|mjs|cjs)$',
          '^bench/',
          '^bin/',
          '^test/',
          '^src/main\\.ts$',
          '^src/cli\\.ts$',
          '^src/web/static/',
          '^workflows/index\\.ts$',
          '^db/schema/index\\.ts$',
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules/', '^data/', '^db/migrations/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
