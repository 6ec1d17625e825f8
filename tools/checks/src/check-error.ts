// The error for problems the user can fix (a malformed file, git missing): printed as its message alone, no stack.
export class CheckError extends Error {}
