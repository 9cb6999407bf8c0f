// The layering, checked (npm run boundaries; part of npm test): libs → services → apps, pure domains, one service
// never importing another, and test support kept out of production code. Paths are as the importer resolves them:
// `@ledger/<name>` is the workspace folder it links to (libs/<name>, services/<name>, apps/<name>).

/**
 * Tests and what only tests use, by name: test files, testkits, the testing lib, `testing/` folders of libs, and the
 * console's browser tests and build-time scripts (they start an in-memory host to read its OpenAPI).
 */
const testSupport = '(\\.(unit|int|e2e)\\.test\\.ts$|\\.testkit\\.ts$|^libs/testing/|^libs/[^/]+/src/testing/|^apps/console/(e2e|scripts)/)';

/**
 * Pure libraries a service's domain may build on: the decider core, the event catalogue, shared pure rules, and
 * contracts such as the registry port (whose Department and Person are the registry domain's own state).
 */
const domainLibs = ['decider', 'events', 'calendar', 'rating-statistics', 'rules-kit', 'evaluation-policy', 'registry'];
/** The pure libraries: no I/O, they import only each other. */
const pureLibs = `^libs/(${domainLibs.join('|')})/src/`;
const domainLib = `libs/(${domainLibs.join('|')})/src/`;
/** A service's domain: its `domain/` folder, and the `domain/` folder of a feature folder (e.g. `person-history/domain/`). */
const domainFolder = (service) => `services/${service}/src/(?:[^/]+/|)domain/`;

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        "A service's domain code imports only the decider core, the event catalogue (and the pure libs built on them), zod and its own domain: no I/O, no framework, no adapter, no other layer (ARCHITECTURE: dependencies point inward).",
      severity: 'error',
      from: { path: `^${domainFolder('([^/]+)')}`, pathNot: testSupport },
      to: { pathNot: `^(${domainLib}(?!testing/)|node_modules/zod/|${domainFolder('$1')})` },
    },
    {
      name: 'domain-tests-are-pure',
      comment: "A domain's tests and testkits are unit tests of pure code: the decider core and its given/when/then helper, the catalogue, the domain, and the test tools.",
      severity: 'error',
      from: { path: `^${domainFolder('([^/]+)')}.*${testSupport}` },
      to: { pathNot: `^(${domainLib}|node_modules/(zod|vitest|@vitest|fast-check)/|${domainFolder('$1')})` },
    },
    {
      name: 'pure-libs-stay-pure',
      comment:
        'The pure libs a domain may import stay pure themselves: they import only each other, zod, and the Temporal polyfill the calendar computes with (pure date arithmetic, no I/O).',
      severity: 'error',
      from: { path: pureLibs, pathNot: testSupport },
      to: { pathNot: `(${pureLibs}|^node_modules/(zod|temporal-polyfill)/)` },
    },
    {
      name: 'batching-stands-alone',
      comment:
        'The batching lib (group commit) imports nothing: the event store, the read store and the vault all build on it, so it must never build on any of them.',
      severity: 'error',
      from: { path: '^libs/batching/src/', pathNot: testSupport },
      to: { pathNot: '^libs/batching/src/' },
    },
    {
      name: 'no-service-imports-another',
      comment:
        'A service talks to another only through events or a port in a contract lib (e.g. @ledger/registry) that the host injects; a process that needs two services is an app.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'libs-import-no-service-or-app',
      comment: 'Shared code in libs/ knows no service and no app: they build on it, never the reverse.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(services|apps)/' },
    },
    {
      name: 'services-import-no-app',
      comment: 'Apps compose services (hosts, process entry points, the CLI); a service never reaches up into one.',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^apps/' },
    },
    {
      name: 'production-imports-no-test-support',
      comment: 'Production code never loads a test file, a testkit, the testing lib or a test tool.',
      severity: 'error',
      from: { path: '^(libs|services|apps)/', pathNot: testSupport },
      to: { path: `(${testSupport}|^node_modules/(vitest|@vitest|fast-check|testcontainers)/)` },
    },
    {
      name: 'scripts-import-no-app-test-support',
      comment: "Benchmarks and tools may use libs (the testing lib included) and apps' code, but not an app's or a service's tests or testkits.",
      severity: 'error',
      from: { path: '^scripts/', pathNot: testSupport },
      to: { path: `^(apps|services)/.*${testSupport}` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(target|data|tmp|dist|\\.nx)/' },
    // swc parses the TypeScript source as written, so type-only imports count too (a domain that names an adapter's
    // type is coupled to it). dependency-cruiser's other TypeScript parser needs the compiler's JS API, which the
    // native TypeScript 7 the project type-checks with does not offer (yet).
    parser: 'swc',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
