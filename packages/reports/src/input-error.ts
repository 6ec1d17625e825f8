// The error a user can act on: it names the input file, what was found there and what to do about it.

/** A problem with an input file (report, ignore file, baseline); `message` is complete and safe to show as is. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    /** Byte offset of a parse error in the file, when there is one. */
    readonly offset?: number,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'InputError';
  }
}
