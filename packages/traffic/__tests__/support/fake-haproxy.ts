// An in-memory HAProxy runtime API speaking the real command and answer formats (captured from HAProxy 2.6), to test
// the provider's ordering and errors without a process; the integration tests use the real one.
import type { RuntimeApi } from '../../src/haproxy.js';

const HEADER =
  '# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight ' +
  'srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state ' +
  'bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr ' +
  'srv_agent_addr srv_agent_port';
const FLAGS = { ready: 0, maint: 1, drain: 8 } as const;

export class FakeHaproxy {
  /** Server name -> srv_admin_state, in backend "app". */
  readonly admin = new Map<string, number>();
  /** Ready servers counted after each command that changed a state. */
  readyCounts: number[] = [];
  commands: string[] = [];
  adminLevel = true;

  constructor(servers: Record<string, keyof typeof FLAGS>) {
    for (const [name, state] of Object.entries(servers)) this.admin.set(name, FLAGS[state]);
  }

  readonly api: RuntimeApi = async (command) => {
    this.commands.push(command);
    const show = /^show servers state(?: (\S+))?$/.exec(command);
    if (show) {
      if (show[1] && show[1] !== 'app') return "Can't find backend.\n";
      const rows = [...this.admin].map(
        ([name, flags], i) =>
          `3 app ${i + 1} ${name} 127.0.0.1 2 ${flags} 1 1 7 1 0 2 0 0 0 0 - ${8001 + i} - 0 0 - - 0`,
      );
      return ['1', HEADER, ...rows, '', ''].join('\n');
    }
    const set = /^set server (\S+)\/(\S+) state (ready|drain|maint)$/.exec(command);
    if (set) {
      if (!this.adminLevel) return 'Permission denied\n\n';
      if (set[1] !== 'app') return 'No such backend.\n\n';
      if (!this.admin.has(set[2] ?? '')) return 'No such server.\n\n';
      this.admin.set(set[2] ?? '', FLAGS[set[3] as keyof typeof FLAGS]);
      this.readyCounts.push([...this.admin.values()].filter((flags) => flags === 0).length);
      return '\n';
    }
    return 'Unknown command.\n';
  };
}
