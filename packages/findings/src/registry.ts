// The security report readers, in the order detection tries them: a format is added by its file and a line here.
import { banditReader } from './bandit.js';
import type { FindingReader, ReaderName } from './finding-reader.js';
import { gitleaksReader } from './gitleaks.js';
import { sarifReader } from './sarif-reader.js';
import { npmAuditReader } from './npm-audit.js';
import { osvScannerReader } from './osv-scanner.js';
import { pipAuditReader } from './pip-audit.js';
import { safetyReader } from './safety.js';
import { semgrepReader } from './semgrep.js';
import { trivyReader } from './trivy.js';
import { trufflehogReader } from './trufflehog.js';
import { trufflehog3Reader } from './trufflehog3.js';

/**
 * SARIF first: it declares itself (`version`, `$schema`), where the tools' own formats are told by their keys.
 * trufflehog3 before Gitleaks: its records have a `rule` and a `line` too, but its rule is an object.
 */
export const READERS: readonly FindingReader[] = [
  sarifReader,
  trivyReader,
  banditReader,
  semgrepReader,
  trufflehog3Reader,
  gitleaksReader,
  trufflehogReader,
  pipAuditReader,
  safetyReader,
  npmAuditReader,
  osvScannerReader,
];

/** The names a `tool:` prefix accepts. */
export const READER_NAMES: readonly ReaderName[] = READERS.map((reader) => reader.name);
