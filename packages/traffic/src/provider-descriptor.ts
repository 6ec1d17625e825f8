// What each provider's file exports beside its class: its name, the action inputs it takes, how their values become
// its settings, and the factory. The registry is a list of these, so adding a provider is adding one file.
import type { TrafficProvider } from './provider.js';
import type { ValueForm } from './value-forms.js';

interface DeclaredInput {
  /** The action input, e.g. haproxy-socket. */
  name: string;
  /**
   * What to set it to, as the error for a missing one ends ("...; set it to <hint>") and the docs describe it, e.g.
   * "the backend holding the blue and green servers (e.g. app)".
   */
  hint: string;
  /** Required with this provider; an input with a default never is. */
  required?: boolean;
}

/** One line of text, '' when unset (or `default`). */
export interface TextInput extends DeclaredInput {
  kind: 'text';
  default?: string;
  /**
   * The grammar of where the value goes (a runtime command, a config file, a URL, a path): a value that does not fit
   * is refused before anything is read or sent, naming the input, the value and this form.
   */
  form?: ValueForm;
}

/** Comma- or line-separated values, [] when unset. */
export interface ListInput extends DeclaredInput {
  kind: 'list';
  /** The grammar each value must fit, as for a text input. */
  form?: ValueForm;
}

/** One of `values`, `default` when unset. */
export interface EnumInput extends DeclaredInput {
  kind: 'enum';
  values: readonly string[];
  default: string;
}

/** A duration such as 30s or 2m, read as milliseconds; `default`, `min` and `max` are written the same way. */
export interface DurationInput extends DeclaredInput {
  kind: 'duration';
  default: string;
  min?: string;
  max?: string;
}

export type ProviderInput = TextInput | ListInput | EnumInput | DurationInput;

/** The values read for a provider's own inputs, by input name, each already checked against its declaration. */
export interface ProviderValues {
  text(name: string): string;
  list(name: string): string[];
  /** A duration input, in milliseconds. */
  duration(name: string): number;
  /** An enum input, typed by the values the descriptor declared. */
  choice<T extends string>(name: string, values: readonly T[]): T;
}

export interface ProviderDescriptor<Settings extends object = object> {
  /** The value of the provider input that picks it, e.g. haproxy. */
  readonly name: string;
  /** Every action input it reads, in the order the docs list them. */
  readonly inputs: readonly ProviderInput[];
  /**
   * Its settings from its inputs' values: plain JSON with nothing secret, as an action saves them for its post step.
   * Throws a TrafficError for what no single input can check (a server listed in both colors).
   */
  settings(values: ProviderValues): Settings;
  /** The provider, from what settings() returned (or its JSON, read back in a post step). */
  create(settings: Settings): TrafficProvider;
}
