// Entry point of the health-check action, for both the main and the post step.
import { runAction } from '@actions-kit/core';
import { main } from './main.js';
import { post } from './post.js';

await runAction({ name: 'health-check', main, post });
