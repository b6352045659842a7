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
  // NestJS 12 and TypeORM 1 ship as ES modules only; jest loads CommonJS, so they are compiled too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|typeorm)/)'],
  moduleNameMapper: {
    '^@windscreen/case-journey/domain$': '<rootDir>/libs/case-journey/src/domain/index.ts',
    '^@windscreen/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
