import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { connectQmp } from '../../harness/qemu/qmp-client.js';
import { QmpError } from '../../harness/qemu/qmp-messages.js';

const GREETING =
  '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": []}}\r\n';

/** Starts a scripted QMP server on a Unix socket that greets, then passes each request to `reply`. */
function startServer(
  path: string,
  reply: (request: { execute: string; id?: number }, socket: Socket) => void,
  greeting = GREETING,
): Promise<Server> {
  const server = createServer((socket) => {
    connections.add(socket);
    socket.write(greeting);
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      buffered += text;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        reply(JSON.parse(line) as { execute: string; id?: number }, socket);
        newline = buffered.indexOf('\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(path, () => {
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}

let dir: string;
let servers: Server[];
const connections = new Set<Socket>();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qmp-test-'));
  servers = [];
});

afterEach(async () => {
  for (const socket of connections) socket.destroy();
  connections.clear();
  for (const server of servers) {
    await closeServer(server);
  }
  await rm(dir, { recursive: true, force: true });
});

describe('connectQmp', () => {
  test('negotiates and records events in order', async () => {
    const path = join(dir, 'qmp.sock');
    servers.push(
      await startServer(path, (request, socket) => {
        if (request.execute === 'cont') {
          socket.write(
            '{"event": "RESUME", "timestamp": {"seconds": 1, "microseconds": 0}}\r\n',
          );
          socket.write(`{"return": {}, "id": ${String(request.id)}}\r\n`);
          // One event split over two writes, then two events in one write.
          socket.write('{"event": "GUEST_PANICKED", "data": {"act');
          socket.write(
            'ion": "run"}}\r\n{"event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-reset"}}\r\n{"event": "STOP"}\r\n',
          );
          socket.end();
          return;
        }
        socket.write(`{"return": {}, "id": ${String(request.id)}}\r\n`);
      }),
    );
    const client = await connectQmp(path, { timeoutMs: 5000 });
    expect((await client.greeting()).version).toBe('7.2.0');
    await expect(client.execute('qmp_capabilities')).resolves.toEqual({});
    await expect(client.execute('cont')).resolves.toEqual({});
    await client.closed;
    expect(client.events.map((event) => event.event)).toEqual([
      'RESUME',
      'GUEST_PANICKED',
      'SHUTDOWN',
      'STOP',
    ]);
    expect(client.events[1]?.data).toEqual({ action: 'run' });
    expect(client.events[2]?.data).toEqual({
      guest: true,
      reason: 'guest-reset',
    });
  });

  test('command error rejects with class', async () => {
    const path = join(dir, 'qmp.sock');
    servers.push(
      await startServer(path, (request, socket) => {
        socket.write(
          `{"id": ${String(request.id)}, "error": {"class": "CommandNotFound", "desc": "no such command"}}\r\n`,
        );
      }),
    );
    const client = await connectQmp(path, { timeoutMs: 5000 });
    await expect(client.execute('nope')).rejects.toThrow(
      'QMP command nope failed: CommandNotFound: no such command',
    );
    client.close();
  });

  test('closing fails pending commands', async () => {
    const path = join(dir, 'qmp.sock');
    servers.push(
      await startServer(path, (_request, socket) => {
        socket.end();
      }),
    );
    const client = await connectQmp(path, { timeoutMs: 5000 });
    await expect(client.execute('cont')).rejects.toThrow(
      /no reply to QMP command cont/,
    );
    await client.closed;
    await expect(client.execute('cont')).rejects.toThrow(
      /connection is closed/,
    );
  });

  test('retries until the socket exists', async () => {
    const path = join(dir, 'late.sock');
    const connecting = connectQmp(path, { timeoutMs: 10_000 });
    // Nothing listens when connecting starts, so early attempts fail with ENOENT.
    servers.push(
      await startServer(path, (request, socket) => {
        socket.write(`{"return": {}, "id": ${String(request.id)}}\r\n`);
      }),
    );
    const client = await connecting;
    await expect(client.execute('qmp_capabilities')).resolves.toEqual({});
    client.close();
  });

  test('stops when abandoned', async () => {
    const path = join(dir, 'never.sock');
    await expect(
      connectQmp(path, { timeoutMs: 60_000, abandon: Promise.resolve() }),
    ).rejects.toThrow(/the process ended \(/);
  });

  test('times out without a server', async () => {
    const path = join(dir, 'never.sock');
    const attempt = connectQmp(path, { timeoutMs: 0 });
    await expect(attempt).rejects.toThrow(QmpError);
    await expect(attempt).rejects.toThrow(/timed out after 0 ms/);
  });

  test('rejects a malformed greeting', async () => {
    const path = join(dir, 'qmp.sock');
    servers.push(await startServer(path, () => undefined, 'hello\r\n'));
    await expect(connectQmp(path, { timeoutMs: 5000 })).rejects.toThrow(
      /no QMP greeting: invalid QMP message "hello": not JSON/,
    );
  });
});
