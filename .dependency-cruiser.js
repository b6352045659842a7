/**
 * Architecture checks, run by `npm test`.
 * The pure domain (libs/case-journey/src/domain and every *.decide, *.decider, *.state, *.events
 * file) depends on nothing but itself: no NestJS, no TypeORM, no database, no clock.
 */
const PURE = '^libs/case-journey/src/(domain/|.*[.](decide|decider|state|events)[.]ts$)';

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
