// ESLint's recommended rules plus two that the sample breaks on purpose: eqeqeq (an error) and prefer-const (a
// warning), so its report has both severities.
const js = require('@eslint/js');
const globals = require('globals');

module.exports = [
  { ignores: ['reports/**'] },
  js.configs.recommended,
  {
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest } },
    rules: { eqeqeq: 'error', 'prefer-const': 'warn' },
  },
];
