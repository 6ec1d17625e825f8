// The sample service's lint rules: ESLint's recommended set for Node code. The planted lint error of the
// lint-error variant (variants.js) breaks one of them.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['coverage/**'] },
  js.configs.recommended,
  { languageOptions: { globals: { ...globals.node } }, rules: { eqeqeq: ['error', 'always'] } },
];
