// Reads and checks the provider inputs through an injected InputSource, for every action that switches traffic
// (blue-green-switch, health-check's rollback): the provider, its required inputs, none meant for another provider,
// each value in its form and in the grammar of where it goes, then the provider's own checks. Pure: the action passes
// its input getters.
import { TrafficError } from './errors.js';
import type { ProviderDescriptor, ProviderInput, ProviderValues } from './provider-descriptor.js';
import { findProvider, PROVIDERS, type ProviderSetup } from './providers.js';
import { formError } from './value-forms.js';

/** A duration input's default and bounds, written like the input: '60s', '1h'. */
export interface DurationBounds {
  default: string;
  min?: string;
  max?: string;
}

/** How an action reads its inputs; each method fails naming the input, the value and the accepted form. */
export interface InputSource {
  /** The input as given, trimmed; '' when unset. */
  text(name: string): string;
  /** Comma- or line-separated values; [] when unset. */
  list(name: string): string[];
  /** Milliseconds; `bounds.default` when unset. */
  duration(name: string, bounds: DurationBounds): number;
  /** One of `values`; `fallback` when unset, and without a fallback a value is required. */
  choice<T extends string>(name: string, values: readonly T[], fallback?: T): T;
  /** A received value as the source's own errors quote it, so this package's messages quote it alike. */
  quote(value: string): string;
}

type Value = string | string[] | number;

export function readProviderInputs(
  source: InputSource,
  registry: readonly ProviderDescriptor[] = PROVIDERS,
): ProviderSetup {
  const names = registry.map((descriptor) => descriptor.name);
  const provider = findProvider(source.choice('provider', names), registry);
  checkRequired(source, provider);
  const others = distinctInputs(registry).filter((input) => !provider.inputs.some((own) => own.name === input.name));
  checkLeftovers(source, provider, others, registry);
  // Other providers' inputs are read too, so a malformed value fails even where the chosen provider ignores it.
  for (const input of others) read(source, input);
  const values = new Map(provider.inputs.map((input) => [input.name, read(source, input)]));
  for (const input of provider.inputs) checkForm(source, input, values.get(input.name));
  const settings = provider.settings(ownValues(provider, values));
  // The provider has the last word (Caddy's admin URL must parse): built once now, so a mistake fails here.
  provider.create(settings);
  return { provider: provider.name, settings };
}

function checkRequired(source: InputSource, provider: ProviderDescriptor): void {
  for (const input of provider.inputs) {
    if (input.required && isEmpty(read(source, input))) {
      throw new TrafficError(`${input.name}: required with provider ${provider.name}; set it to ${input.hint}`);
    }
  }
}

/** An input set for another provider is a likely mistake (a provider changed, its inputs left behind). */
function checkLeftovers(
  source: InputSource,
  provider: ProviderDescriptor,
  others: readonly ProviderInput[],
  registry: readonly ProviderDescriptor[],
): void {
  for (const input of others) {
    // The runner passes action.yml's default for an input the workflow left out, so an input with a default counts
    // as set only when it differs from it: `command-timeout: 2m` with haproxy is a mistake, `60s` cannot be told apart.
    const given = source.text(input.name);
    const value = 'default' in input && given === input.default ? '' : given;
    if (value === '') continue;
    const owners = registry.filter((descriptor) => descriptor.inputs.some((taken) => taken.name === input.name));
    throw new TrafficError(
      `${input.name}: set to ${source.quote(value)}, but provider ${provider.name} does not use it; remove it, or ` +
        `set provider to ${owners.map((owner) => owner.name).join(' or ')}`,
    );
  }
}

/** Every value of an input that declares a form fits it: nothing reaches a command, a file or a URL unchecked. */
function checkForm(source: InputSource, input: ProviderInput, value: Value | undefined): void {
  if (!('form' in input) || input.form === undefined || value === undefined) return;
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    const error = item === '' ? undefined : formError(input.name, String(item), input.form, source.quote);
    if (error) throw error;
  }
}

function read(source: InputSource, input: ProviderInput): Value {
  switch (input.kind) {
    case 'text':
      return source.text(input.name) || (input.default ?? '');
    case 'list':
      return source.list(input.name);
    case 'enum':
      return source.choice(input.name, input.values, input.default);
    case 'duration':
      return source.duration(input.name, input);
  }
}

function isEmpty(value: Value): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0);
}

/** Each input once, in registry order; providers sharing an input (blue-servers) declare it alike. */
function distinctInputs(registry: readonly ProviderDescriptor[]): ProviderInput[] {
  const byName = new Map<string, ProviderInput>();
  for (const input of registry.flatMap((descriptor) => descriptor.inputs)) {
    if (!byName.has(input.name)) byName.set(input.name, input);
  }
  return [...byName.values()];
}

/** The values a descriptor may read: its own inputs only, each of the kind it declared. */
function ownValues(provider: ProviderDescriptor, values: Map<string, Value>): ProviderValues {
  const get = <T extends Value>(name: string, kind: ProviderInput['kind'], is: (value: Value) => value is T): T => {
    const declared = provider.inputs.find((input) => input.name === name);
    const value = values.get(name);
    if (declared?.kind !== kind || value === undefined || !is(value)) {
      throw new Error(`provider ${provider.name} reads ${name} as ${kind}, but does not declare it so`);
    }
    return value;
  };
  const isText = (value: Value): value is string => typeof value === 'string';
  return {
    text: (name) => get(name, 'text', isText),
    list: (name) => get(name, 'list', Array.isArray),
    duration: (name) => get(name, 'duration', (value): value is number => typeof value === 'number'),
    choice: <T extends string>(name: string, accepted: readonly T[]): T =>
      get(name, 'enum', (value): value is T => isText(value) && (accepted as readonly string[]).includes(value)),
  };
}
