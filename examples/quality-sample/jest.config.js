// Where the tests and the code to cover are; the reporters are chosen on the command line (see make-reports.sh).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/__tests__'],
  collectCoverageFrom: ['src/**/*.js'],
};
