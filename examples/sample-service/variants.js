// Writes a copy of the sample service with one planted defect, for the tests of the pipeline's gates:
//   node variants.js <clean|lint-error|uncovered-code|fake-secret|exits-at-start> <folder>
// clean: the service as it is. lint-error: an unused variable in src/app.js (ESLint's no-unused-vars).
// uncovered-code: a new function in src/app.js that lints clean and that no test calls (the gate's new-code coverage).
// exits-at-start: src/server.js stops with an error before it listens (a release whose container exits at start).
// fake-secret: src/cloud.js holding an AWS-access-key-shaped string that Gitleaks' aws-access-token rule matches.
// The key is derived here, at run time, from a fixed text, so no file of the repository holds one (its own scanners
// and a push-protection check stay quiet); it is fake, was never issued by AWS and grants nothing.
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const COPIED = [
  'package.json',
  'package-lock.json',
  'eslint.config.js',
  'README.md',
  'deploy-local.js',
  'Dockerfile',
  '.dockerignore',
  'src',
  'test',
];
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The planted key ID: AKIA and 16 base32 letters from a hash, the shape of an AWS access key ID. */
export function fakeAccessKeyId() {
  const digest = createHash('sha256').update('actions-kit sample-service planted fake key').digest();
  const letters = [...digest.subarray(0, 16)].map((byte) => BASE32[byte % 32]).join('');
  return `AKIA${letters}`;
}

const VARIANTS = {
  clean: () => {},
  'lint-error': (folder) => {
    appendFileSync(path.join(folder, 'src/app.js'), "\nconst leftoverDebugFlag = 'planted lint error';\n");
  },
  'uncovered-code': (folder) => {
    appendFileSync(
      path.join(folder, 'src/app.js'),
      [
        '',
        '// Planted by variants.js uncovered-code: a new feature that no test calls.',
        'export function describeLoad(requests, seconds) {',
        '  if (seconds <= 0) {',
        "    return 'no time has passed';",
        '  }',
        '  const rate = requests / seconds;',
        '  if (rate > 100) {',
        '    return `busy: ${rate.toFixed(1)} requests a second`;',
        '  }',
        '  return `quiet: ${rate.toFixed(1)} requests a second`;',
        '}',
        '',
      ].join('\n'),
    );
  },
  'fake-secret': (folder) => {
    writeFileSync(
      path.join(folder, 'src/cloud.js'),
      '// Planted by variants.js fake-secret: a fake key the secret scanner must catch.\n' +
        `export const AWS_ACCESS_KEY_ID = '${fakeAccessKeyId()}';\n`,
    );
  },
  'exits-at-start': (folder) => {
    const server = path.join(folder, 'src/server.js');
    writeFileSync(
      server,
      '// Planted by variants.js exits-at-start: a release that stops before it listens.\n' +
        "console.error('sample-service: planted start-up failure (variants.js exits-at-start)');\n" +
        'process.exit(3);\n' +
        readFileSync(server, 'utf8'),
    );
  },
};

/** Copies the service into `folder` (which must be missing or empty) and plants the variant's defect. */
export function writeVariant(name, folder) {
  const plant = VARIANTS[name];
  if (!plant) throw new Error(`variant '${name}' is unknown: use one of ${Object.keys(VARIANTS).join(', ')}`);
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new Error(`folder '${folder}' is not empty: give a new or empty folder`);
  }
  for (const entry of COPIED) cpSync(path.join(here, entry), path.join(folder, entry), { recursive: true });
  plant(folder);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name, folder] = process.argv.slice(2);
  if (!name || !folder) {
    console.error(`usage: node variants.js <${Object.keys(VARIANTS).join('|')}> <folder>`);
    process.exit(2);
  }
  try {
    writeVariant(name, path.resolve(folder));
  } catch (error) {
    console.error(`variants.js: ${error.message}`);
    process.exit(2);
  }
}
