import { describe, expect, it } from '@jest/globals';
import { bufferSource } from '../src/byte-source.js';
import { scanJson, type ScanPlan } from '../src/json-scanner.js';
import { findJsonSyntaxError, JsonSyntaxError } from '../src/json-syntax.js';

const SAMPLE = {
  SchemaVersion: 2,
  Metadata: { nested: { deeper: [1, 2, { x: 'y' }] } },
  Results: [
    {
      Target: 'a "quoted" \\ target',
      Vulnerabilities: [{ id: 1, text: 'ü → 😀 \u0000' }, { id: 2 }],
      Packages: [{ big: 'x' }],
    },
    { Target: 'b', Vulnerabilities: null },
    { Target: 'c', Vulnerabilities: [] },
  ],
  tail: [true, false, null, -1.5e3, 0, '\\"'],
};
const BYTES = Buffer.from(JSON.stringify(SAMPLE, null, 2));

const everything: ScanPlan = () => 'descend';

describe('scanJson', () => {
  it.each([1, 3, 7, 64, 4096])('rebuilds the same document as JSON.parse with %i-byte reads', (chunkSize) => {
    expect(scanJson(bufferSource(BYTES), everything, { chunkSize })).toEqual(SAMPLE);
    expect(scanJson(bufferSource(BYTES), () => 'parse', { chunkSize })).toEqual(SAMPLE);
  });

  it('hands each element of a mapped list to the mapper and keeps the rest of the path walked', () => {
    const seen: unknown[] = [];
    const plan: ScanPlan = (path) => {
      if (path.length <= 2 && path[0] !== 'Metadata' && path[0] !== 'tail') return 'descend';
      if (path[2] === 'Vulnerabilities') {
        return (element) => {
          seen.push(element);
          return { kept: (element as { id: number }).id };
        };
      }
      if (path[2] === 'Packages') return 'skip';
      return 'parse';
    };
    const skeleton = scanJson(bufferSource(BYTES), plan, { chunkSize: 5 }) as typeof SAMPLE;
    expect(seen).toEqual([{ id: 1, text: 'ü → 😀 \u0000' }, { id: 2 }]);
    expect(skeleton.Results[0]).toEqual({
      Target: 'a "quoted" \\ target',
      Vulnerabilities: [{ kept: 1 }, { kept: 2 }],
    });
    expect(skeleton.Results[1]!.Vulnerabilities).toBeNull();
    expect(skeleton.Results[2]!.Vulnerabilities).toEqual([]);
    expect(skeleton.Metadata).toEqual(SAMPLE.Metadata);
  });

  it('keeps __proto__ as an own property, as JSON.parse does', () => {
    const doc = scanJson(bufferSource(Buffer.from('{"__proto__": {"polluted": true}, "a": 1}')), everything) as Record<
      string,
      unknown
    >;
    expect(Object.keys(doc)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(scanJson(bufferSource(Buffer.from('\ufeff{"a":1}')), everything)).toEqual({ a: 1 });
  });

  it('returns what is complete in preview mode when the source stops early', () => {
    const preview = scanJson(bufferSource(BYTES, 120), (path) => (path.length < 3 ? 'descend' : 'parse'), {
      partial: true,
      chunkSize: 16,
    });
    expect(preview).toMatchObject({ SchemaVersion: 2 });
  });

  it('walks any nesting depth without recursion when the value is parsed or skipped', () => {
    const depth = 100_000;
    const deep = Buffer.from(`{"deep":${'['.repeat(depth)}${']'.repeat(depth)},"after":1}`);
    expect(
      scanJson(bufferSource(deep), (path) => (path.length === 0 ? 'descend' : path[0] === 'deep' ? 'skip' : 'parse')),
    ).toEqual({ after: 1 });
  });

  it('reads a 10 MB string in linear time', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const doc = scanJson(bufferSource(Buffer.from(JSON.stringify({ title: big }))), everything, {
      chunkSize: 64 * 1024,
    }) as { title: string };
    expect(doc.title.length).toBe(big.length);
  });

  it.each([
    ['{"a":}', 5, "unexpected '}' where a value was expected"],
    ['{"a":1', 6, 'unexpected end of input'],
    ['', 0, 'empty input'],
    ['[1,2', 4, 'unexpected end of input'],
    ['{"a":"\\x"}', 6, 'invalid escape sequence'],
    ['{"a" 1}', 5, "expected ':'"],
    ['[1]]', 3, "unexpected ']' after the end"],
    ['"abc', 4, 'unexpected end of input'],
    ['{"a":[1,2,{"b":tru}]}', 15, "invalid literal (expected 'true')"],
  ])('locates the error in %j at byte %i', (text, offset, problem) => {
    for (const plan of [everything, () => 'parse' as const]) {
      let error: unknown;
      try {
        scanJson(bufferSource(Buffer.from(text)), plan, { chunkSize: 3 });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).offset).toBe(offset);
      expect((error as JsonSyntaxError).problem).toContain(problem);
    }
  });
});

describe('scanJson on mapped lists', () => {
  const items = Array.from({ length: 300 }, (_, i) => ({
    id: i,
    text: i % 7 === 0 ? 'a "quoted" }\\ \u00e9 \ud83d\ude00 text' : 'plain',
    nested: { list: [1, { deeper: [i] }], empty: {} },
  }));
  /** Every element of `list` through the mapper, with what the mapper saw. */
  const mapAll = (bytes: Buffer, chunkSize: number) => {
    const seen: { element: unknown; index: number; path: string; containers: number }[] = [];
    const plan: ScanPlan = (path) =>
      path.length === 0
        ? 'descend'
        : path[0] === 'list'
          ? (element, index, listPath, containers) => {
              seen.push({ element, index, path: listPath.join('/'), containers: containers.length });
              return index;
            }
          : 'parse';
    const doc = scanJson(bufferSource(bytes), plan, { chunkSize }) as { list: number[]; after: string };
    return { doc, seen };
  };

  // Pretty-printed lists take the shortcut (element ends found by their indentation, several parsed at once);
  // compact ones and oddly indented ones the exact walk; all must give what JSON.parse gives.
  const layouts: [string, Buffer][] = [
    ['compact', Buffer.from(JSON.stringify({ list: items, after: 'x' }))],
    ['indented by 2', Buffer.from(JSON.stringify({ list: items, after: 'x' }, null, 2))],
    ['indented by tabs', Buffer.from(JSON.stringify({ list: items, after: 'x' }, null, '\t'))],
    [
      'closing brackets on odd lines',
      Buffer.from(
        `{"list": [\n  {"id": 0, "nested": {\n  }, "text": "a"\n  },\n  {"id": 1,\n  "text": "}"},\n  ${items
          .slice(2)
          .map((item) => JSON.stringify(item, null, 1))
          .join(',\n  ')}\n], "after": "x"}`,
      ),
    ],
  ];

  it.each(layouts)('hands every element of a %s list to the mapper as JSON.parse reads it', (_, bytes) => {
    const expected = (JSON.parse(bytes.toString()) as { list: unknown[] }).list;
    for (const chunkSize of [7, 100, 4096, 1 << 20]) {
      const { doc, seen } = mapAll(bytes, chunkSize);
      expect(seen.map((s) => s.element)).toEqual(expected);
      expect(seen.map((s) => s.index)).toEqual(expected.map((_, i) => i));
      expect(new Set(seen.map((s) => `${s.path} ${s.containers}`))).toEqual(new Set(['list 2']));
      expect(doc).toEqual({ list: expected.map((_, i) => i), after: 'x' });
    }
  });

  it('locates an error inside an indented list element as the exact walk does', () => {
    const text = JSON.stringify({ list: items.slice(0, 50) }, null, 2).replace('"id": 30,', '"id": 30,,');
    const offset = Buffer.byteLength(text.slice(0, text.indexOf(',,') + 1));
    for (const chunkSize of [64, 1 << 20]) {
      let error: unknown;
      try {
        mapAll(Buffer.from(text), chunkSize);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).offset).toBe(offset);
    }
  });
});

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON of any depth', () => {
    expect(findJsonSyntaxError(BYTES)).toBeUndefined();
    expect(findJsonSyntaxError(Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`))).toBeUndefined();
  });

  it('reports the first problem with its byte offset', () => {
    expect(findJsonSyntaxError(Buffer.from('{"a": 01}'))?.offset).toBe(7);
    expect(findJsonSyntaxError(Buffer.from('{"a": "x\ny"}'))?.problem).toContain('control character');
    expect(findJsonSyntaxError(Buffer.from('[1,]'))?.problem).toContain("unexpected ']'");
    expect(findJsonSyntaxError(Buffer.from('{"é": trux}'))?.offset).toBe(7);
    expect(findJsonSyntaxError(Buffer.from('{"é": tru'))?.problem).toContain('unexpected end of input');
  });
});

describe('scanJson on objects whose members are parsed whole', () => {
  // npm audit's shape: an object keyed by package, each value parsed whole (several at once when pretty-printed).
  const packages: Record<string, unknown> = {};
  for (let i = 0; i < 300; i++) {
    packages[i % 50 === 7 ? `@scope/odd "key" \\ ${i}` : `package-${i}`] = {
      name: `package-${i}`,
      via: i % 3 === 0 ? ['other'] : [{ title: 'a "quoted" }\\ \u00e9 \ud83d\ude00', range: '<1.0.0' }],
      nodes: [`node_modules/package-${i}`],
      fixAvailable: i % 2 === 0 ? true : { name: 'parent', version: '1.2.3' },
    };
  }
  const doc = { auditReportVersion: 2, vulnerabilities: packages, metadata: { total: 300 } };
  const plan: ScanPlan = (path) =>
    path.length === 0 || (path.length === 1 && path[0] === 'vulnerabilities') ? 'descend' : 'parse';
  const layouts: [string, string][] = [
    ['compact', JSON.stringify(doc)],
    ['indented by 2', JSON.stringify(doc, null, 2)],
    ['indented by tabs', JSON.stringify(doc, null, '\t')],
  ];

  it.each(layouts)('gives what JSON.parse gives for a %s object, at any read size', (_, text) => {
    for (const chunkSize of [7, 100, 4096, 1 << 20]) {
      const read = scanJson(bufferSource(Buffer.from(text)), plan, { chunkSize });
      expect(read).toEqual(doc);
      expect(Object.keys((read as typeof doc).vulnerabilities)).toEqual(Object.keys(packages));
    }
  });

  it('keeps duplicate keys and __proto__ as JSON.parse does', () => {
    const text =
      '{\n  "v": {\n    "a": {\n      "n": 1\n    },\n    "__proto__": {\n      "polluted": true\n    },\n    "a": {\n      "n": 2\n    },\n    "b": [\n      1\n    ]\n  }\n}';
    const read = scanJson(bufferSource(Buffer.from(text)), (path) => (path.length < 2 ? 'descend' : 'parse')) as {
      v: Record<string, unknown>;
    };
    expect(read).toEqual(JSON.parse(text));
    expect(Object.keys(read.v)).toEqual(['a', '__proto__', 'b']);
    expect(read.v['a']).toEqual({ n: 2 });
    expect(Object.getPrototypeOf(read.v)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('walks the members the plan does not parse whole, even inside a run of parsed ones', () => {
    const text = JSON.stringify(doc, null, 2);
    const seen: string[] = [];
    const mixed: ScanPlan = (path) => {
      if (path.length <= 1) return 'descend';
      if (path[1] === 'package-100') return 'skip';
      if (path.length === 2 && path[1] === 'package-200') return 'descend';
      if (path[2] === 'nodes') return (element) => (seen.push(String(element)), element);
      return 'parse';
    };
    const read = scanJson(bufferSource(Buffer.from(text)), mixed, { chunkSize: 4096 }) as typeof doc;
    const expected = { ...packages };
    delete expected['package-100'];
    expect(read.vulnerabilities).toEqual(expected);
    expect(Object.keys(read.vulnerabilities)).toEqual(Object.keys(expected));
    expect(seen).toEqual(['node_modules/package-200']);
  });

  it('locates an error inside a member as the exact walk does', () => {
    const text = JSON.stringify(doc, null, 2).replace('"name": "package-30",', '"name": "package-30",,');
    const offset = Buffer.byteLength(text.slice(0, text.indexOf(',,') + 1));
    for (const chunkSize of [64, 1 << 20]) {
      let error: unknown;
      try {
        scanJson(bufferSource(Buffer.from(text)), plan, { chunkSize });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).offset).toBe(offset);
    }
  });

  it.each(layouts)('hands each member of a mapped %s object to the mapper with its key and position', (_, text) => {
    for (const chunkSize of [7, 100, 4096, 1 << 20]) {
      const seen: [string | undefined, number, unknown[]][] = [];
      const mapped: ScanPlan = (path) => {
        if (path.length === 0) return 'descend';
        if (path.length === 1 && path[0] === 'vulnerabilities')
          return (value, index, at, containers, key) => {
            seen.push([key, index, [...at]]);
            expect(containers[containers.length - 1]).toBe((containers[0] as typeof doc).vulnerabilities);
            return { key, name: (value as { name: string }).name };
          };
        return 'parse';
      };
      const read = scanJson(bufferSource(Buffer.from(text)), mapped, { chunkSize }) as typeof doc;
      const keys = Object.keys(packages);
      expect(seen).toEqual(keys.map((key, i) => [key, i, ['vulnerabilities']]));
      expect(read.vulnerabilities).toEqual(
        Object.fromEntries(keys.map((key) => [key, { key, name: (packages[key] as { name: string }).name }])),
      );
      expect(read.metadata).toEqual(doc.metadata);
    }
  });

  it('maps duplicate keys and __proto__ as JSON.parse would keep them', () => {
    const text = '{\n  "a": {\n    "n": 1\n  },\n  "__proto__": {\n    "n": 2\n  },\n  "a": {\n    "n": 3\n  }\n}';
    const read = scanJson(bufferSource(Buffer.from(text)), (path) =>
      path.length === 0 ? (value, _, __, ___, key) => ({ key, n: (value as { n: number }).n }) : 'parse',
    ) as Record<string, unknown>;
    expect(Object.keys(read)).toEqual(['a', '__proto__']);
    expect(read['a']).toEqual({ key: 'a', n: 3 });
    expect(read['__proto__']).toEqual({ key: '__proto__', n: 2 });
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });

  it('refuses a member nested deeper than maxDepth', () => {
    const text = `{\n  "v": {\n    "deep": ${'['.repeat(20)}${']'.repeat(20)}\n  }\n}`;
    expect(() =>
      scanJson(bufferSource(Buffer.from(text)), (path) => (path.length < 2 ? 'descend' : 'parse'), { maxDepth: 10 }),
    ).toThrow(/deeper than 10|nest/);
  });
});
