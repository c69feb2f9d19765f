import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';

/**
 * How a backup is taken of the embedded database while the server runs. PGlite is one process
 * holding a lock on its folder: no second process may open it, not even to read. So the
 * running server listens on a Unix socket in that folder (`control.sock`, mode 0600: whoever
 * may use it could read the folder anyway) and answers `backup` with a dump it takes between
 * two transactions. The protocol is one request line, then `OK <bytes>` and the bytes, or
 * `ERR <message>`.
 */
export const controlSocketPath = (dataDir: string) => path.join(path.resolve(dataDir), 'control.sock');

export interface ControlSocket {
  close(): Promise<void>;
}

export async function serveControlSocket(dataDir: string, dump: () => Promise<Blob>): Promise<ControlSocket> {
  const socketPath = controlSocketPath(dataDir);
  // This process holds the folder's lock, so a socket file left there is a dead server's.
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    socket.once('data', (request) => {
      if (request.toString().trim() !== 'backup') {
        socket.end('ERR unknown request\n');
        return;
      }
      dump()
        .then(async (blob) => {
          socket.write(`OK ${blob.size}\n`);
          socket.end(Buffer.from(await blob.arrayBuffer()));
        })
        .catch((err: unknown) => socket.end(`ERR ${err instanceof Error ? err.message : String(err)}\n`));
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}

/** Asks the server running on `dataDir` for a dump; resolves with its bytes as a stream. */
export function requestBackup(dataDir: string): Promise<{ size: number; content: Readable }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(controlSocketPath(dataDir));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.pause(); // what follows stays buffered until the stream below reads it
      const line = head.subarray(0, end).toString();
      const rest = head.subarray(end + 1);
      if (!line.startsWith('OK ')) {
        socket.destroy();
        reject(new Error(`The running server could not take the backup: ${line.replace(/^ERR /, '')}`));
        return;
      }
      const content = Readable.from(
        (async function* () {
          if (rest.length) yield rest;
          for await (const c of socket) yield c as Buffer;
        })(),
      );
      resolve({ size: Number(line.slice(3)), content });
    };
    socket.on('data', onData);
    socket.once('error', (err) =>
      reject(
        new Error(
          `The process using ${path.resolve(dataDir)} does not take backups now (${err.message}): it may still be ` +
            'starting (migrating, seeding) or not be a server. Try again once it serves, or stop it and back up the folder.',
        ),
      ),
    );
    socket.write('backup\n');
  });
}
