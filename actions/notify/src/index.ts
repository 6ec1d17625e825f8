// Entry point of the notify action.
import { runAction } from '@actions-kit/core';
import { main } from './main.js';

await runAction({ name: 'notify', main });
