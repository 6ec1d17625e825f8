import { describe, expect, it } from '@jest/globals';
import { chooseMember, parseReportSpec, readerNamed, supportedFormats } from '../src/choose-reader.js';
import { InputError } from '../src/input-error.js';
import type { ReportReader } from '../src/report-reader.js';

/** A member that reads `{ "<key>": … }` documents into their key. */
function member(name: string, format: string, anyToolFormat?: string): ReportReader<string> {
  return {
    name,
    format,
    ...(anyToolFormat && { anyToolFormat }),
    detect: (doc) => doc !== null && typeof doc === 'object' && name in doc,
    read: () => name,
  };
}

const standard = member('std', 'STD', 'STD 1.0 (from any tool)');
const alpha = member('alpha', 'Alpha JSON');
const beta = member('beta', 'Beta JSON');
const FAMILY = [standard, alpha, beta];
const OPTIONS = { describe: () => 'something else', advice: 'check the glob.' };

describe('choosing a member of a family', () => {
  it('takes the first member that detects the document, in list order', () => {
    expect(chooseMember({ beta: 1, alpha: 1 }, 'f', FAMILY, OPTIONS)).toBe(alpha);
    expect(chooseMember({ std: 1, alpha: 1 }, 'f', FAMILY, OPTIONS)).toBe(standard);
  });

  it('checks a forced member against the content, naming both formats', () => {
    expect(chooseMember({ beta: 1 }, 'f', FAMILY, { ...OPTIONS, forced: 'beta' })).toBe(beta);
    expect(() => chooseMember({ alpha: 1 }, 'f', FAMILY, { ...OPTIONS, forced: 'beta' })).toThrow(
      "f: the 'beta:' prefix says Beta JSON, but the content is Alpha JSON. Use 'alpha:' or no prefix (the format is detected from the content).",
    );
  });

  it('names the supported formats, one-tool formats first, when nothing reads the document', () => {
    const error = (() => {
      try {
        chooseMember({}, 'f.json', FAMILY, OPTIONS);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'f.json: unknown report format: the content is something else. Supported: Alpha JSON, Beta JSON and STD 1.0 (from any tool); check the glob.',
    );
    expect(supportedFormats([alpha])).toBe('Supported: Alpha JSON');
  });

  it('reads a prefix only when a member has that name', () => {
    expect(parseReportSpec(' Alpha: out/a.json ', FAMILY)).toEqual({ reader: 'alpha', pattern: 'out/a.json' });
    expect(parseReportSpec('gamma:out/a.json', FAMILY)).toEqual({ pattern: 'gamma:out/a.json' });
    expect(parseReportSpec('C:/reports/a.json', FAMILY)).toEqual({ pattern: 'C:/reports/a.json' });
    expect(() => readerNamed(FAMILY, 'gamma')).toThrow("no reader is named 'gamma' (known: std, alpha, beta)");
  });
});
