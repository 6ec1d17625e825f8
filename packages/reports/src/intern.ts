// Shares the values a report repeats (package names, versions, paths, rule ids and texts), so that 100,000 records
// naming 3,000 packages hold 3,000 strings rather than 100,000 copies: less memory, and less for the GC to copy.

/** One per report read: the first copy of each value met is the one every record keeps. */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly singletons = new Map<string, readonly string[]>();

  /** The first string equal to `value` met in this read (undefined stays undefined). */
  string<T extends string | undefined>(value: T): T {
    if (value === undefined) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }

  /**
   * A list of one string, shared by every record with that one string (CWE ids, tags); records never change
   * these lists. Longer lists are returned as they are.
   */
  list(values: string[] | undefined): string[] | undefined {
    if (values === undefined || values.length !== 1) return values;
    const value = values[0]!;
    const known = this.singletons.get(value);
    if (known !== undefined) return known as string[];
    this.singletons.set(value, values);
    return values;
  }
}
