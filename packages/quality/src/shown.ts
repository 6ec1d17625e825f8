// Values from reports quoted in messages: cut short, so a huge attribute or line cannot swamp the log.

/** `value` as a message shows it: at most `max` characters, an ellipsis marking a cut. */
export function shown(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
