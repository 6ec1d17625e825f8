// Entry point of the container-deploy action, for both the main and the post step.
import { runAction } from '@actions-kit/core';
import { main } from './main.js';
import { post } from './post.js';

await runAction({ name: 'container-deploy', main, post });
