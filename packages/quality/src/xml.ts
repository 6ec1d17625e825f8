// Reads XML reports as a stream of elements through saxes, a conforming streaming parser, with every DTD feature
// refused except the bare DOCTYPE line JaCoCo always writes: an internal subset (where entities are declared) is
// refused, and so is any entity reference beyond the five predefined ones. Nothing is ever expanded or fetched.
import { InputError } from '@actions-kit/reports';
import type { SaxesParser } from 'saxes';
import type { TextSource } from './report-document.js';

/** What a reader does with the elements of an XML report, in document order. */
export interface XmlHandlers {
  /** `line`: where the start tag ends, for messages. */
  open(name: string, attributes: Readonly<Record<string, string>>, line: number): void;
  close?(name: string): void;
  /** Character data and CDATA sections (entities and character references already decoded). */
  text?(text: string): void;
  /** The encoding an XML declaration names (`<?xml version="1.0" encoding="…"?>`). */
  declaration?(encoding: string | undefined): void;
}

/** saxes, loaded on first need: runs that read only LCOV and JSON do not pay for importing it at start-up. */
let Parser: typeof SaxesParser | undefined;

/** Loads the XML parser; readXml needs it done (openReportDocument does it before reading any XML). */
export async function loadXmlParser(): Promise<void> {
  Parser ??= (await import('saxes')).SaxesParser;
}

/** Thrown from a handler to stop the parse once a reader has what it needs. */
class StopParsing extends Error {}

/** A problem saxes or the refusal rules found, with where the parser was. */
class XmlProblem extends Error {
  constructor(
    readonly problem: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(problem);
  }
}

const PREDEFINED_ONLY =
  'only the five predefined entities (&lt; &gt; &amp; &quot; &apos;) and character references (&#10;) are read; ' +
  'entities are never expanded and DTDs never fetched.';

/** Streams `source` through the parser, calling `handlers`; errors are InputErrors naming the file, line and column. */
export function readXml(source: TextSource, handlers: XmlHandlers): void {
  if (!Parser) throw new Error('readXml before loadXmlParser');
  const parser = new Parser({ position: true });
  const fail = (problem: string): never => {
    throw new XmlProblem(problem, parser.line, parser.column + 1);
  };
  parser.on('error', (error) => fail(error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')));
  parser.on('doctype', (doctype) => {
    if (doctype.includes('[')) {
      fail(`a DOCTYPE with an internal subset (entity declarations) is refused: ${PREDEFINED_ONLY}`);
    }
  });
  parser.on('opentag', (tag) => handlers.open(tag.name, tag.attributes as Record<string, string>, parser.line));
  const { close, text, declaration } = handlers;
  if (declaration) parser.on('xmldecl', (decl) => declaration(decl.encoding));
  if (close) parser.on('closetag', (tag) => close(tag.name));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  try {
    for (const chunk of source.chunks()) parser.write(chunk);
    parser.close();
  } catch (error) {
    if (error instanceof StopParsing) return;
    if (error instanceof XmlProblem) throw xmlError(source.file, error);
    throw error;
  }
}

function xmlError(file: string, error: XmlProblem): InputError {
  const entity = /undefined entity/.test(error.problem) ? ` (${PREDEFINED_ONLY})` : '';
  const truncated = /unclosed tag|unexpected end/i.test(error.problem)
    ? ' The report looks truncated: check that the tool finished and the disk was not full.'
    : ' Check that the file holds only the XML report the tool wrote, unchanged.';
  return new InputError(
    file,
    `not well-formed XML at line ${error.line}, column ${error.column}: ${error.problem}${entity}.${truncated}`,
  );
}

/** The root element of an XML report (the parse stops there); an InputError when the XML is broken before it. */
export function xmlRoot(source: TextSource): {
  name: string;
  attributes: Readonly<Record<string, string>>;
  /** The encoding the XML declaration names, if it names one. */
  encoding?: string;
} {
  let root: { name: string; attributes: Readonly<Record<string, string>> } | undefined;
  let encoding: string | undefined;
  readXml(source, {
    declaration(declared) {
      encoding = declared;
    },
    open(name, attributes) {
      root = { name, attributes };
      throw new StopParsing();
    },
  });
  if (!root) throw new InputError(source.file, 'the XML has no root element: the report is empty or truncated.');
  return { ...root, ...(encoding !== undefined && { encoding }) };
}

/** Tracks the path of open elements, for readers that care where an element sits (Cobertura's <methods>). */
export class ElementPath {
  private readonly names: string[] = [];
  open(name: string): void {
    this.names.push(name);
  }
  close(): void {
    this.names.pop();
  }
  /** Whether an element named `name` is open (the current one or any above it). */
  inside(name: string): boolean {
    return this.names.includes(name);
  }
  get depth(): number {
    return this.names.length;
  }
  /** The name of the element `up` levels above the current one (0: the current one). */
  parent(up = 1): string | undefined {
    return this.names[this.names.length - 1 - up];
  }
}

/** An attribute holding a positive integer (a line, a column), else undefined. */
export function positiveAttribute(value: string | undefined): number | undefined {
  const number = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}
