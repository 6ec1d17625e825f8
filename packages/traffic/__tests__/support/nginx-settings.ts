// The nginx provider's settings for a real nginx started by the testkit, shared by the integration test and the
// zero-downtime benchmark.
import type { Color, NginxHandle } from '@actions-kit/testkit';
import type { NginxSettings } from '../../src/nginx.js';

/** The nginx provider's settings for this nginx: upstream `app` in its include, one server per color. */
export function nginxProviderSettings(nginx: NginxHandle, backends: Record<Color, string>): NginxSettings {
  return {
    upstreamFile: nginx.upstreamFile,
    upstreamName: 'app',
    testCommand: nginx.testCommand,
    reloadCommand: nginx.reloadCommand,
    servers: { blue: [backends.blue], green: [backends.green] },
  };
}
