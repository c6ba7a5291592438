// Two projects: `unit` runs pure code with no services; `integration` gets the real
// Temporal servers, PostgreSQL/PGlite and OpenSSH started by test/support.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];

/** @type {import('jest').Config} */
module.exports = {
  // Applies to every project (jest reads it only at the top level).
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
