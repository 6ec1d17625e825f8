// Entry point of the quality-gate action.
import { runAction } from '@actions-kit/core';
import { main } from './main.js';

await runAction({ name: 'quality-gate', main });
