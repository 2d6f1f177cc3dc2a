// Two projects: fast unit specs beside the code, and e2e tests on the real PostgreSQL
// and Redis. The swagger transformer mirrors nest-cli.json so e2e apps expose the same
// OpenAPI document as the built app.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });

module.exports = {
  // e2e hooks start apps and databases: jest's 5 s default fails them on a busy 2-core machine.
  testTimeout: 60_000,
  // Jest's default on 2 cores is one worker; the e2e files mostly wait on PostgreSQL, Redis,
  // processes and browsers, each in its own database and queue namespace, so two at a time
  // overlap the waiting: the suite took 10.8 min instead of ~17 on a busy 2-core machine.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/libs', '<rootDir>/apps'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper,
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform: {
        '^.+\\.ts$': [
          'ts-jest',
          { tsconfig: 'tsconfig.json', astTransformers: { before: ['<rootDir>/test/support/swagger-transformer.js'] } },
        ],
      },
    },
  ],
};
