// Turns the many ways reports spell a file (./x, a\\b, file:///abs, %SRCROOT%-relative URIs) into one path, and back
// into a URI for SARIF.
import { isAbsolute, relative } from 'node:path/posix';

/** Forward slashes, no leading './', and relative to `root` when an absolute path lies under it. */
export function normalisePath(raw: string, root?: string): string {
  let path = raw.trim().replaceAll('\\', '/');
  while (path.startsWith('./')) path = path.slice(2);
  if (root && isAbsolute(path)) {
    const base = root.replaceAll('\\', '/').replace(/\/+$/, '');
    if (path === base) return '.';
    if (path.startsWith(`${base}/`)) return relative(base, path);
  }
  return path;
}

/**
 * A SARIF artifact URI as a path: file:// URIs become absolute paths, percent-escapes are decoded, relative
 * references stay relative. Other schemes (https:, …) are returned unchanged.
 */
export function uriToPath(uri: string, root?: string): string {
  let path = uri.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(path);
  if (scheme && scheme[1]!.length > 1) {
    if (scheme[1]!.toLowerCase() !== 'file') return path;
    // file:///abs, file://host/abs and the file:////abs some tools write all mean /abs here.
    path = path
      .slice(5)
      .replace(/^\/\/[^/]*(?=\/)/, '')
      .replace(/^\/+/, '/');
    if (/^\/[a-zA-Z]:\//.test(path)) path = path.slice(1);
  }
  return normalisePath(decodePercent(path), root);
}

function decodePercent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Joins a relative reference to a base URI/path (SARIF uriBaseId resolution). */
export function joinUri(base: string, reference: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(reference) || reference.startsWith('/')) return reference;
  return base.endsWith('/') ? `${base}${reference}` : `${base}/${reference}`;
}

/** Encodes a path as a relative URI reference for SARIF (absolute paths become file:// URIs). */
export function pathToUri(path: string): string {
  // encodeURIComponent throws on a lone surrogate (a report can hold one, escaped): it becomes U+FFFD.
  const encoded = path
    .toWellFormed()
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%3A/gi, ':').replace(/%40/g, '@'))
    .join('/');
  if (path.startsWith('/')) return `file://${encoded}`;
  // A first segment with a colon would read as a URI scheme ("alpine:3.10"): escape it.
  const firstSlash = encoded.indexOf('/');
  const first = firstSlash < 0 ? encoded : encoded.slice(0, firstSlash);
  return first.includes(':') ? encoded.replace(/:/g, '%3A') : encoded;
}
