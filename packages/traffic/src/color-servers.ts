// The blue-servers and green-servers inputs that the proxies with server pools take (HAProxy, nginx, Caddy), and the
// check that no server has two colors.
import { COLORS } from './color.js';
import { TrafficError } from './errors.js';
import type { ColorMembers } from './provider.js';
import type { ListInput, ProviderValues } from './provider-descriptor.js';
import type { ValueForm } from './value-forms.js';

/**
 * blue-servers and green-servers, required unless the provider has `defaults`; `what` names the members ("host:port
 * addresses"), `examples` gives one for each color, and `form` is the grammar each member must fit.
 */
export function colorServerInputs(
  what: string,
  examples: ColorMembers,
  form: ValueForm,
  defaults?: ColorMembers,
): ListInput[] {
  return COLORS.map((color) => ({
    name: `${color}-servers`,
    kind: 'list',
    required: defaults === undefined,
    form,
    hint:
      `comma-separated ${what} of the ${color} servers (e.g. ${examples[color].join(',')})` +
      (defaults ? `; default ${defaults[color].join(',')}` : ''),
  }));
}

/**
 * Each color's servers, the defaults for a color left empty; a server in both colors is refused. `identity` is what
 * makes two members the same server (nginx: the address, whatever parameters follow it).
 */
export function readColorServers(
  values: ProviderValues,
  defaults?: ColorMembers,
  identity: (member: string) => string = (member) => member,
): ColorMembers {
  const pick = (color: keyof ColorMembers): string[] => {
    const given = values.list(`${color}-servers`);
    return given.length === 0 && defaults ? defaults[color] : given;
  };
  const servers = { blue: pick('blue'), green: pick('green') };
  const greenIds = servers.green.map(identity);
  const shared = servers.blue.map(identity).filter((server) => greenIds.includes(server));
  if (shared.length > 0) {
    throw new TrafficError(`blue-servers and green-servers both list ${shared.join(', ')}; a server has one color`);
  }
  return servers;
}
