/**
 * The stub's control socket: a Unix stream socket at `run --socket PATH`. A client sends one
 * request line and reads one reply line. Requests: `stop` (what `crosvm stop SOCKET` sends) and
 * `host-event NAME` (see host-events.ts). Replies: `ok`, or `error MESSAGE`. This protocol is the
 * stub's own; a real crosvm speaks its own protocol on that socket.
 */
import { createConnection, createServer, type Server } from 'node:net';
import { renameSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isHostEvent, type HostEvent } from './host-events.js';

/** Longest Unix socket path Linux accepts, in bytes: `sun_path` is 108 bytes with the NUL. */
const MAX_SOCKET_PATH_BYTES = 107;

/** A request read from the control socket. */
export type ControlRequest =
  | { readonly kind: 'stop' }
  | { readonly kind: 'host-event'; readonly event: HostEvent };

/** Parses one request line, or returns an error message. */
export function parseControlRequest(line: string): ControlRequest | string {
  const [verb, argument, extra] = line.trim().split(/\s+/);
  if (verb === 'stop' && argument === undefined) return { kind: 'stop' };
  if (
    verb === 'host-event' &&
    argument !== undefined &&
    extra === undefined &&
    isHostEvent(argument)
  ) {
    return { kind: 'host-event', event: argument };
  }
  return `invalid request "${line.trim()}"; expected "stop" or "host-event NAME"`;
}

/**
 * Listens on `path`, replacing a stale socket file, and calls `handle` for each valid request
 * after replying `ok`. The path appears only once the socket accepts connections.
 */
export async function listenControlSocket(
  path: string,
  handle: (request: ControlRequest) => void,
): Promise<Server> {
  try {
    unlinkSync(path);
  } catch {
    // No stale socket to remove.
  }
  const server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (data: string) => {
      buffer += data;
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      const request = parseControlRequest(buffer.slice(0, newline));
      if (typeof request === 'string') {
        socket.end(`error ${request}\n`);
        return;
      }
      socket.end('ok\n', () => {
        handle(request);
      });
    });
  });
  // Bind under a temporary name in the same directory and rename it into place once listening,
  // so that a client never finds the path before connect() can succeed.
  const bindPath = join(dirname(path), `.crosvm-stub-${process.pid}.sock`);
  for (const candidate of [path, bindPath]) {
    if (Buffer.byteLength(candidate) > MAX_SOCKET_PATH_BYTES) {
      throw new Error(
        `socket path ${candidate} is longer than ${MAX_SOCKET_PATH_BYTES} bytes; use a shorter path`,
      );
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(bindPath, () => {
      resolve();
    });
  });
  renameSync(bindPath, path);
  return server;
}

/** Sends one request line to the control socket at `path` and resolves when `ok` comes back. */
export async function sendControlRequest(
  path: string,
  request: string,
): Promise<void> {
  const reply = await new Promise<string>((resolve, reject) => {
    let text = '';
    const socket = createConnection(path);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${request}\n`));
    socket.on('data', (data: string) => (text += data));
    socket.on('end', () => {
      resolve(text);
    });
    socket.on('error', reject);
  });
  if (reply.trim() !== 'ok') {
    throw new Error(
      `control socket ${path} rejected "${request}": ${reply.trim() || 'no reply'}`,
    );
  }
}
