// The security report readers, in the order detection tries them: a format is added by its file and a line here.
import { banditReader } from './bandit.js';
import type { FindingReader, ReaderName } from './finding-reader.js';
import { gitleaksReader } from './gitleaks.js';
import { sarifReader } from './sarif-reader.js';
import { trivyReader } from './trivy.js';

/** SARIF first: it declares itself (`version`, `$schema`), where the tools' own formats are told by their keys. */
export const READERS: readonly FindingReader[] = [sarifReader, trivyReader, banditReader, gitleaksReader];

/** The names a `tool:` prefix accepts. */
export const READER_NAMES: readonly ReaderName[] = READERS.map((reader) => reader.name);
