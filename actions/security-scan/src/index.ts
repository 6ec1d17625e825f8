// Entry point of the security-scan action.
import { runAction } from '@actions-kit/core';
import { main } from './main.js';

await runAction({ name: 'security-scan', main });
