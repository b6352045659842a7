/**
 * Architecture checks, run by `npm test`.
 * The pure domain (libs/case-journey/src/domain and every *.decide, *.decider, *.state, *.events
 * file, and libs/identity) depends on nothing but itself: no NestJS, no TypeORM, no database, no clock.
 * The foundation libraries never import the domain; there are no cycles.
 */
const PURE = '^(libs/identity/|libs/case-journey/src/(domain/|.*[.](decide|decider|state|events)[.]ts$))';
/** The libraries the domain is built on: they serve any domain, so they know nothing of this one. */
const FOUNDATIONS = '^libs/(auth|http|event-store|projections|database|config|identity)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'decide/evolve must stay pure functions: move framework or I/O code to a handler',
      from: { path: PURE, pathNot: '[.]spec[.]ts$' },
      to: { pathNot: PURE },
    },
    {
      name: 'foundations-know-no-domain',
      severity: 'error',
      comment:
        'auth, http, the event store, the projections, the database and config serve the domain and never import it: a domain type they need (the actor) lives in libs/identity; a domain error reaches HTTP through a ProblemMapper the domain provides',
      from: { path: FOUNDATIONS },
      to: { path: '^libs/case-journey/' },
    },
    {
      name: 'store-and-projections-speak-plain-sql',
      severity: 'error',
      comment: 'the event store and the projections take Sql/SqlTransaction from libs/database, never the ORM',
      from: { path: '^libs/(event-store|projections)/' },
      to: { path: 'node_modules/(typeorm|@nestjs/typeorm)/' },
    },
    {
      name: 'no-test-helpers-in-production-code',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['[.]spec[.]ts$', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/testing/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'a cycle of imports makes load order matter and the modules impossible to change apart (types may refer to each other: they vanish at run time)',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|[.]data)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
