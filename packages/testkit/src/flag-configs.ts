// The proxy configuration the flag-file provider relies on, shared by its integration test and the benchmark (and
// shown in the README): each proxy picks green per request when the flag file exists.
import path from 'node:path';

export function nginxFlagUpstreams(backends: { blue: string; green: string }): string {
  return [
    `upstream app_blue { server ${backends.blue}; keepalive 32; }`,
    `upstream app_green { server ${backends.green}; keepalive 32; }`,
    '',
  ].join('\n');
}

/** `if` holding only `set` is the safe use of if in a location. */
export function nginxFlagLocation(flagFile: string): string {
  return `location / {
      set $app_upstream app_blue;
      if (-e ${flagFile}) { set $app_upstream app_green; }
      proxy_pass http://$app_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }`;
}

export function caddyFlagRoutes(root: string, flagName: string, backends: { blue: string; green: string }): unknown[] {
  return [
    {
      match: [{ file: { root, try_files: [path.posix.join('/', flagName)] } }],
      handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: backends.green }] }],
      terminal: true,
    },
    { handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: backends.blue }] }] },
  ];
}
