// One Jest configuration for every package, in ESM mode, split into the suites CI runs separately:
// unit (pure code, Node only), integration (bundles through the harness, real servers), conformance
// (the shared real-world fixtures), act (the reusable workflows run by act on this machine).
import type { Config } from 'jest';

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@actions-kit/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@actions-kit/([a-z-]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
} satisfies Config;

const config: Config = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,actions,tools}/*/__tests__/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,actions,tools}/*/__tests__/**/*.itg.ts'],
    },
    {
      ...shared,
      displayName: 'act',
      testMatch: ['<rootDir>/tools/*/__tests__/**/*.act.ts'],
    },
    {
      ...shared,
      displayName: 'conformance',
      testMatch: ['<rootDir>/{packages,actions}/*/__tests__/**/*.conformance.ts'],
    },
  ],
};

export default config;
