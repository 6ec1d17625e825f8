// Entry point of the security-scan action. The same bundle runs on the worker threads that read large reports in
// parallel (see read-reports.ts): started as one of them, it reads the files it was given instead.
import { runAction } from '@actions-kit/core';
import { isReportReadWorker, serveReportReads } from '@actions-kit/findings';
import { main } from './main.js';

if (isReportReadWorker()) await serveReportReads();
else await runAction({ name: 'security-scan', main });
