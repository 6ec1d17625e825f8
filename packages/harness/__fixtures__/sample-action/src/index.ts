import { runAction } from '@actions-kit/core';
import * as core from '@actions/core';
await runAction({ name: 'sample', main: async () => { core.setOutput('message', `Hello ${core.getInput('name')}`); } });
