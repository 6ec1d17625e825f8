// Public surface of the core package: everything an action's entry point and main need.
export { runAction } from './run-action.js';
