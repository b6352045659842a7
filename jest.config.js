/** One jest run for every tier: *.unit.spec.ts (pure), *.int.spec.ts (real PostgreSQL), *.e2e.spec.ts (HTTP). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  transform: { '^.+\\.(t|j)s$': swc },
  // NestJS 12, TypeORM 1, content-disposition (of @fastify/static, which serves the API docs) and
  // openid-client (the pages' sign-in) with its oauth4webapi and jose
  // ship as ES modules only; jest loads CommonJS, so they are compiled too, wherever they are nested.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@nestjs|typeorm|content-disposition|openid-client|oauth4webapi|jose)/).*/node_modules/',
  ],
  moduleNameMapper: {
    '^@windscreen/case-journey/domain$': '<rootDir>/libs/case-journey/src/domain/index.ts',
    '^@windscreen/testing/decider-specification$': '<rootDir>/libs/testing/src/decider-specification.ts',
    '^@windscreen/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
