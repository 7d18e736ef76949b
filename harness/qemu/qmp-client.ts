import { createConnection, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  parseQmpMessage,
  QmpError,
  type QmpEvent,
  type QmpMessage,
} from './qmp-messages.js';

/**
 * Milliseconds between attempts to connect while QEMU has not created its QMP socket yet (10 ms).
 * QEMU creates the socket while it sets up its character devices, shortly after exec. A short
 * interval keeps a fast fixture's run short without busy-looping.
 */
export const CONNECT_RETRY_INTERVAL_MS = 10;

/** When to stop trying to connect. */
export interface QmpConnectOptions {
  /** Milliseconds after which connecting (including the greeting) fails. */
  readonly timeoutMs: number;
  /** Connecting stops early once this settles, e.g. when the QEMU process has ended. */
  readonly abandon?: Promise<unknown>;
}

/** The server's greeting: QEMU's version and the optional capabilities it offers. */
export interface QmpGreeting {
  readonly version: string;
  readonly capabilities: readonly string[];
}

interface PendingCommand {
  readonly command: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const RETRYABLE_CONNECT_ERRORS = new Set(['ENOENT', 'ECONNREFUSED']);

/**
 * A QMP session over a Unix stream socket. It records every event in arrival order, from the
 * moment of connecting until the socket closes, and sends commands one JSON line at a time.
 */
export class QmpClient {
  readonly #socket: Socket;
  readonly #events: QmpEvent[] = [];
  readonly #pending = new Map<number, PendingCommand>();
  readonly #greeting: Promise<QmpGreeting>;
  #resolveGreeting: (greeting: QmpGreeting) => void = () => undefined;
  #rejectGreeting: (error: Error) => void = () => undefined;
  #nextId = 1;
  #buffered = '';
  #closeReason: string | undefined;

  /** Resolves when the server closed the connection or `close()` was called. */
  readonly closed: Promise<void>;

  constructor(socket: Socket) {
    this.#socket = socket;
    this.#greeting = new Promise<QmpGreeting>((resolve, reject) => {
      this.#resolveGreeting = resolve;
      this.#rejectGreeting = reject;
    });
    // `connectQmp` reports a missing greeting, so this rejection must not count as unhandled.
    this.#greeting.catch(() => undefined);
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      this.#receive(text);
    });
    this.closed = new Promise<void>((resolve) => {
      socket.once('error', (error) => {
        this.#closeReason = error.message;
      });
      socket.once('close', () => {
        this.#receive('\n');
        this.#failAll(this.#closeReason ?? 'the server closed the connection');
        resolve();
      });
    });
  }

  /** Events received so far, oldest first. */
  get events(): readonly QmpEvent[] {
    return this.#events;
  }

  /** Resolves with the server's greeting, the first message of every session. */
  greeting(): Promise<QmpGreeting> {
    return this.#greeting;
  }

  /** Sends a command and resolves with its `return` value, or rejects with its `error`. */
  execute(
    command: string,
    args?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    if (this.#closeReason !== undefined || this.#socket.destroyed) {
      return Promise.reject(
        new QmpError(
          `cannot send QMP command ${command}: the connection is closed`,
        ),
      );
    }
    const id = this.#nextId++;
    const message =
      args === undefined
        ? { execute: command, id }
        : { execute: command, arguments: args, id };
    return new Promise<unknown>((resolve, reject) => {
      this.#pending.set(id, { command, resolve, reject });
      this.#socket.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Closes the connection. Pending commands then fail. */
  close(): void {
    this.#closeReason ??= 'the client closed the connection';
    this.#socket.destroy();
  }

  #receive(text: string): void {
    this.#buffered += text;
    let newline = this.#buffered.indexOf('\n');
    while (newline >= 0) {
      const line = this.#buffered.slice(0, newline).trim();
      this.#buffered = this.#buffered.slice(newline + 1);
      if (line !== '') this.#dispatch(line);
      newline = this.#buffered.indexOf('\n');
    }
  }

  #dispatch(line: string): void {
    let message: QmpMessage;
    try {
      message = parseQmpMessage(line);
    } catch (error) {
      this.#closeReason =
        error instanceof Error ? error.message : String(error);
      this.#socket.destroy();
      return;
    }
    switch (message.kind) {
      case 'greeting':
        this.#resolveGreeting({
          version: message.version,
          capabilities: message.capabilities,
        });
        return;
      case 'event':
        this.#events.push(message.event);
        return;
      case 'return':
      case 'error': {
        const pending =
          typeof message.id === 'number'
            ? this.#pending.get(message.id)
            : undefined;
        if (pending === undefined || typeof message.id !== 'number') return;
        this.#pending.delete(message.id);
        if (message.kind === 'return') {
          pending.resolve(message.value);
        } else {
          pending.reject(
            new QmpError(
              `QMP command ${pending.command} failed: ${message.errorClass}: ${message.description}`,
            ),
          );
        }
        return;
      }
    }
  }

  #failAll(reason: string): void {
    this.#rejectGreeting(new QmpError(`no QMP greeting: ${reason}`));
    for (const pending of this.#pending.values()) {
      pending.reject(
        new QmpError(`no reply to QMP command ${pending.command}: ${reason}`),
      );
    }
    this.#pending.clear();
  }
}

function connectOnce(socketPath: string): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = createConnection(socketPath);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Connects to the QMP socket at `socketPath`, retrying while it does not exist or refuses
 * connections, and waits for the greeting. Capabilities are left to the caller
 * (`execute('qmp_capabilities')`), which QEMU requires before any other command.
 */
export async function connectQmp(
  socketPath: string,
  options: QmpConnectOptions,
): Promise<QmpClient> {
  const deadline = Date.now() + options.timeoutMs;
  const state = { abandoned: false };
  void options.abandon?.then(
    () => (state.abandoned = true),
    () => (state.abandoned = true),
  );

  let socket: Socket | undefined;
  let lastError = 'no attempt made';
  while (socket === undefined) {
    if (state.abandoned) {
      throw new QmpError(
        `cannot connect to QMP socket ${socketPath}: the process ended (${lastError})`,
      );
    }
    if (Date.now() >= deadline) {
      throw new QmpError(
        `cannot connect to QMP socket ${socketPath}: timed out after ${options.timeoutMs} ms (${lastError})`,
      );
    }
    try {
      socket = await connectOnce(socketPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      lastError =
        code ?? (error instanceof Error ? error.message : String(error));
      if (code === undefined || !RETRYABLE_CONNECT_ERRORS.has(code)) {
        throw new QmpError(
          `cannot connect to QMP socket ${socketPath}: ${lastError}`,
        );
      }
      await sleep(CONNECT_RETRY_INTERVAL_MS);
    }
  }

  const client = new QmpClient(socket);
  const remainingMs = Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new QmpError(
          `no QMP greeting on ${socketPath} within ${options.timeoutMs} ms`,
        ),
      );
    }, remainingMs);
  });
  try {
    await Promise.race([client.greeting(), timeout]);
  } catch (error) {
    client.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return client;
}
