// Runs one shell command through runShellCommand in a process of its own, for the test that SIGKILLs that process
// while the command runs: started with `node --import tsx`.
import { runShellCommand } from '../../src/shell-command.js';

await runShellCommand(process.argv[2] ?? 'true', { timeoutMs: 120_000 });
