// The registry: every provider's descriptor, in the order errors and docs list them, and the one place that turns a
// provider's name and settings into the provider. Adding a provider is adding its file and its line here.
import { caddyDescriptor } from './caddy.js';
import { commandDescriptor } from './command.js';
import { TrafficError } from './errors.js';
import { flagFileDescriptor } from './flag-file.js';
import { haproxyDescriptor } from './haproxy.js';
import { nginxDescriptor } from './nginx.js';
import type { TrafficProvider } from './provider.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { symlinkDescriptor } from './symlink.js';

export const PROVIDERS: readonly ProviderDescriptor[] = [
  haproxyDescriptor,
  nginxDescriptor,
  caddyDescriptor,
  symlinkDescriptor,
  commandDescriptor,
  flagFileDescriptor,
];

/** Which provider, and the settings its descriptor made from the inputs: plain JSON, saved for a post step. */
export interface ProviderSetup {
  provider: string;
  settings: object;
}

export function findProvider(name: string, registry: readonly ProviderDescriptor[] = PROVIDERS): ProviderDescriptor {
  const found = registry.find((descriptor) => descriptor.name === name);
  if (found) return found;
  const names = registry.map((descriptor) => descriptor.name).join(', ');
  throw new TrafficError(`provider: '${name}' is not a provider; use one of ${names}`);
}

/** The provider for settings readProviderInputs returned (or their JSON, read back in a post step). */
export function createProvider(
  setup: ProviderSetup,
  registry: readonly ProviderDescriptor[] = PROVIDERS,
): TrafficProvider {
  return findProvider(setup.provider, registry).create(setup.settings);
}
