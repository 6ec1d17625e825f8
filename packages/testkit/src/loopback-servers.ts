// Servers a test starts on loopback (plain TCP, HTTP or HTTPS) and always stops, and a self-signed certificate made
// by openssl for the HTTPS ones: probes are tested against real sockets, never mocks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Stoppable } from './real-proxies.js';

export interface LoopbackServer extends Stoppable {
  port: number;
  /** `<scheme>://127.0.0.1:<port>/`. */
  url: string;
}

/** Listens on a free loopback port; stop() cuts every open connection (a silent handler's too) and closes. */
export async function listenOnLoopback(
  server: Server,
  scheme: 'http' | 'https' | 'tcp' = 'http',
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  // A TLS server reports its sockets on secureConnection only after a handshake: the TCP ones are what must end.
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `${scheme}://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Certificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate, self-signed, for localhost and 127.0.0.1: also the `ca` that makes a client trust it. */
  cert: string;
}

/** A fresh self-signed certificate from openssl; throws (the test fails, never skips) when openssl is missing. */
export function selfSignedCertificate(): Certificate {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'actions-kit-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
    const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key];
    try {
      execFileSync('openssl', ['req', '-x509', ...ecKey, '-out', cert, '-days', '1', ...subject], { stdio: 'pipe' });
    } catch (error) {
      throw new Error('openssl could not make a test certificate (apt-get install -y openssl)', { cause: error });
    }
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
