// Entry point of the deployment-status action.
import { runAction } from '@actions-kit/core';
import { main } from './main.js';

await runAction({ name: 'deployment-status', main });
