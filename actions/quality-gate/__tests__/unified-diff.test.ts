import { describe, expect, it } from '@jest/globals';
import { changedLines, parseUnifiedDiff, relativeTo, unquote } from '../src/unified-diff.js';

const lines = (text: string): string => `${text.trim().replace(/^ {4}/gm, '')}\n`;

describe('parseUnifiedDiff', () => {
  it('numbers added lines on the new side, stepping over context and removed lines', () => {
    const diff = parseUnifiedDiff(
      lines(`
    diff --git a/src/app.ts b/src/app.ts
    index 1111111..2222222 100644
    --- a/src/app.ts
    +++ b/src/app.ts
    @@ -10,4 +10,5 @@ export function app() {
       const a = 1;
    -  const b = 2;
    +  const b = 3;
    +  const c = 4;
       return a;
     }
    @@ -40 +41,2 @@
    -old
    +new one
    +new two
    `),
    );
    expect(diff.files).toEqual([
      { path: 'src/app.ts', change: 'modified', binary: false, addedLines: [11, 12, 41, 42] },
    ]);
    expect(diff.truncatedHunks).toBe(0);
  });

  it('reads new, deleted and binary files', () => {
    const diff = parseUnifiedDiff(
      lines(`
    diff --git a/new.ts b/new.ts
    new file mode 100644
    index 0000000..1111111
    --- /dev/null
    +++ b/new.ts
    @@ -0,0 +1,2 @@
    +one
    +two
    diff --git a/gone.ts b/gone.ts
    deleted file mode 100644
    index 1111111..0000000
    --- a/gone.ts
    +++ /dev/null
    @@ -1,2 +0,0 @@
    -one
    -two
    diff --git a/logo.png b/logo.png
    new file mode 100644
    index 0000000..3333333
    Binary files /dev/null and b/logo.png differ
    `),
    );
    expect(diff.files).toEqual([
      { path: 'new.ts', change: 'added', binary: false, addedLines: [1, 2] },
      { path: 'gone.ts', change: 'deleted', binary: false, addedLines: [] },
      { path: 'logo.png', change: 'added', binary: true, addedLines: [] },
    ]);
    expect([...changedLines(diff).keys()]).toEqual(['new.ts']);
  });

  it('follows a rename, with and without edits', () => {
    const diff = parseUnifiedDiff(
      lines(`
    diff --git a/old/name.ts b/new/name.ts
    similarity index 100%
    rename from old/name.ts
    rename to new/name.ts
    diff --git a/a.ts b/b.ts
    similarity index 80%
    rename from a.ts
    rename to b.ts
    index 1111111..2222222 100644
    --- a/a.ts
    +++ b/b.ts
    @@ -3 +3 @@
    -x
    +y
    `),
    );
    expect(diff.files).toEqual([
      { path: 'new/name.ts', previousPath: 'old/name.ts', change: 'renamed', binary: false, addedLines: [] },
      { path: 'b.ts', previousPath: 'a.ts', change: 'renamed', binary: false, addedLines: [3] },
    ]);
  });

  it('skips "no newline at end of file" markers', () => {
    const diff = parseUnifiedDiff(
      lines(`
    --- a/end.txt
    +++ b/end.txt
    @@ -1,2 +1,2 @@
     keep
    -last
    \\ No newline at end of file
    +last line
    \\ No newline at end of file
    `),
    );
    expect(diff.files[0]?.addedLines).toEqual([2]);
    expect(diff.truncatedHunks).toBe(0);
  });

  it('counts a hunk cut short and goes on with the next file', () => {
    const diff = parseUnifiedDiff(
      lines(`
    diff --git a/cut.ts b/cut.ts
    --- a/cut.ts
    +++ b/cut.ts
    @@ -1,2 +1,5 @@
     a
    +b
    diff --git a/next.ts b/next.ts
    --- a/next.ts
    +++ b/next.ts
    @@ -1 +1 @@
    -c
    +d
    `),
    );
    expect(diff.files.map((file) => [file.path, file.addedLines])).toEqual([
      ['cut.ts', [2]],
      ['next.ts', [1]],
    ]);
    expect(diff.truncatedHunks).toBe(1);
  });

  it('counts a hunk cut short by the end of the text', () => {
    const diff = parseUnifiedDiff('--- /dev/null\n+++ b/x.cpp\n@@ -0,0 +1,28 @@\n+a\n+b');
    expect(diff.files[0]).toMatchObject({ path: 'x.cpp', change: 'added', addedLines: [1, 2] });
    expect(diff.truncatedHunks).toBe(1);
  });

  it('reads a removed line that looks like a file header as part of its hunk', () => {
    const diff = parseUnifiedDiff(
      lines(`
    --- a/notes.md
    +++ b/notes.md
    @@ -1,2 +1,2 @@
    --- a heading rule
    +++ kept
     tail
    `),
    );
    expect(diff.files).toHaveLength(1);
    expect(diff.files[0]?.addedLines).toEqual([1]);
  });

  it('reads plain diff -u output: no a/ b/ prefixes, dates after a tab, CRLF line ends', () => {
    const text = [
      '--- src/old.py\t2024-01-01 10:00:00.000000000 +0000',
      '+++ src/old.py\t2024-01-02 10:00:00.000000000 +0000',
      '@@ -1 +1,2 @@',
      ' keep',
      '+added',
      '--- ./b/file.py\t2024-01-01',
      '+++ ./b/file.py\t2024-01-02',
      '@@ -5,0 +6 @@',
      '+six',
      '',
    ].join('\r\n');
    const diff = parseUnifiedDiff(text);
    expect(diff.files.map((file) => [file.path, file.addedLines])).toEqual([
      ['src/old.py', [2]],
      ['b/file.py', [6]],
    ]);
  });

  it('takes an empty line inside a hunk as a context line whose space was stripped', () => {
    const diff = parseUnifiedDiff('--- a/x\n+++ b/x\n@@ -1,3 +1,4 @@\n a\n\n+c\n d\n');
    expect(diff.files[0]?.addedLines).toEqual([3]);
    expect(diff.truncatedHunks).toBe(0);
  });

  it('reads quoted paths and paths with spaces', () => {
    const diff = parseUnifiedDiff(
      lines(`
    diff --git "a/caf\\303\\251 menu.ts" "b/caf\\303\\251 menu.ts"
    --- "a/caf\\303\\251 menu.ts"
    +++ "b/caf\\303\\251 menu.ts"
    @@ -1 +1 @@
    -a
    +b
    diff --git a/my file.png b/my file.png
    Binary files a/my file.png and b/my file.png differ
    `),
    );
    expect(diff.files.map((file) => file.path)).toEqual(['café menu.ts', 'my file.png']);
    expect(diff.files[1]?.binary).toBe(true);
  });

  it('gives nothing for an empty diff or text that is no diff', () => {
    expect(parseUnifiedDiff('')).toEqual({ files: [], truncatedHunks: 0 });
    expect(parseUnifiedDiff('hello\nworld\n')).toEqual({ files: [], truncatedHunks: 0 });
  });
});

describe('parseUnifiedDiff on damaged input', () => {
  const SAMPLE = lines(`
    diff --git a/src/app.ts b/src/app.ts
    index 1111111..2222222 100644
    --- a/src/app.ts
    +++ b/src/app.ts
    @@ -10,4 +10,5 @@ export function app() {
       const a = 1;
    -  const b = 2;
    +  const b = 3;
    +  const c = 4;
       return a;
    @@ -40 +41,2 @@
    -old
    +new one
    +new two
    diff --git a/new.ts b/new.ts
    new file mode 100644
    --- /dev/null
    +++ b/new.ts
    @@ -0,0 +1,2 @@
    +one
    +two
    `);

  it('reads every cut of a diff without throwing, and never gives a line the full diff does not', () => {
    const full = changedLines(parseUnifiedDiff(SAMPLE));
    for (let end = 0; end <= SAMPLE.length; end++) {
      const cut = parseUnifiedDiff(SAMPLE.slice(0, end));
      for (const file of cut.files) {
        for (const line of file.addedLines) {
          // A path cut mid-name is not in the full diff; every line of a whole path is.
          if (full.has(file.path)) expect(full.get(file.path)?.has(line)).toBe(true);
        }
      }
    }
  });

  it('reads a diff with its hunk counts lying in either direction without throwing', () => {
    for (const header of ['@@ -10,1 +10,1 @@', '@@ -10,99 +10,99 @@', '@@ -10,0 +10,0 @@', '@@ -0 +0 @@']) {
      const diff = parseUnifiedDiff(SAMPLE.replace('@@ -10,4 +10,5 @@ export function app() {', header));
      expect(diff.files.map((file) => file.path)).toContain('new.ts');
    }
  });
});

describe('relativeTo', () => {
  it('keeps the files under a folder, with paths from it', () => {
    const diff = parseUnifiedDiff(
      '--- a/packages/app/src/a.ts\n+++ b/packages/app/src/a.ts\n@@ -1 +1 @@\n-a\n+b\n' +
        '--- a/packages/other/b.ts\n+++ b/packages/other/b.ts\n@@ -1 +1 @@\n-a\n+b\n',
    );
    expect(relativeTo(diff, 'packages/app').files.map((file) => file.path)).toEqual(['src/a.ts']);
    expect(relativeTo(diff, '')).toBe(diff);
  });
});

describe('unquote', () => {
  it("undoes git's C quoting and leaves unquoted text alone", () => {
    expect(unquote('"tab\\there \\"q\\" back\\\\slash"')).toBe('tab\there "q" back\\slash');
    expect(unquote('plain/path.ts')).toBe('plain/path.ts');
  });
});
