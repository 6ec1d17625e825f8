// The nginx provider's settings for a real nginx started by the testkit, shared by the integration test and the
// zero-downtime benchmark.
import type { Color, NginxHandle } from '@actions-kit/testkit';
import type { ProviderSettings } from '../../src/providers.js';

/** The nginx provider's settings for this nginx: upstream `app` in its include, one server per color. */
export function nginxProviderSettings(nginx: NginxHandle, backends: Record<Color, string>): ProviderSettings {
  return {
    nginxUpstreamFile: nginx.upstreamFile,
    nginxUpstreamName: 'app',
    nginxTestCommand: nginx.testCommand,
    nginxReloadCommand: nginx.reloadCommand,
    blueServers: [backends.blue],
    greenServers: [backends.green],
  };
}
