/**
 * The messages a QMP server (QEMU Machine Protocol) sends, one JSON object per line: a greeting
 * when a client connects, a `return` or an `error` for each command, and asynchronous events.
 * Shapes follow QEMU's docs/interop/qmp-spec.rst (QEMU 7.2).
 */

/** Time QEMU stamped on an event: seconds and microseconds since the Unix epoch. */
export interface QmpTimestamp {
  readonly seconds: number;
  readonly microseconds: number;
}

/** An asynchronous event such as `SHUTDOWN` or `GUEST_PANICKED`, with its arguments. */
export interface QmpEvent {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly timestamp: QmpTimestamp;
}

/** One message from the server, classified by its top-level key. */
export type QmpMessage =
  | {
      readonly kind: 'greeting';
      readonly version: string;
      readonly capabilities: readonly string[];
    }
  | { readonly kind: 'return'; readonly id?: unknown; readonly value: unknown }
  | {
      readonly kind: 'error';
      readonly id?: unknown;
      readonly errorClass: string;
      readonly description: string;
    }
  | { readonly kind: 'event'; readonly event: QmpEvent };

/** Raised for a line that is not a QMP message, or when the session breaks. */
export class QmpError extends Error {
  override name = 'QmpError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatVersion(qmp: Record<string, unknown>): string {
  const version = qmp.version;
  if (!isRecord(version) || !isRecord(version.qemu)) return 'unknown';
  const { major, minor, micro } = version.qemu;
  const numbers = [major, minor, micro].map((part) =>
    typeof part === 'number' ? part : '?',
  );
  const extra =
    typeof version.package === 'string' ? version.package.trim() : '';
  return extra === '' ? numbers.join('.') : `${numbers.join('.')} ${extra}`;
}

function parseTimestamp(value: unknown): QmpTimestamp {
  if (
    isRecord(value) &&
    typeof value.seconds === 'number' &&
    typeof value.microseconds === 'number'
  ) {
    return { seconds: value.seconds, microseconds: value.microseconds };
  }
  // QEMU stamps every event. An event without a stamp is still kept, with -1 in both fields.
  return { seconds: -1, microseconds: -1 };
}

/** Parses one line sent by the server. */
export function parseQmpMessage(line: string): QmpMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new QmpError(`invalid QMP message ${JSON.stringify(line)}: not JSON`);
  }
  if (!isRecord(parsed)) {
    throw new QmpError(
      `invalid QMP message ${JSON.stringify(line)}: not a JSON object`,
    );
  }
  const id = parsed.id;
  const withId = id === undefined ? {} : { id };

  if (isRecord(parsed.QMP)) {
    const capabilities = Array.isArray(parsed.QMP.capabilities)
      ? parsed.QMP.capabilities.filter(
          (entry): entry is string => typeof entry === 'string',
        )
      : [];
    return {
      kind: 'greeting',
      version: formatVersion(parsed.QMP),
      capabilities,
    };
  }
  if ('return' in parsed) {
    return { kind: 'return', ...withId, value: parsed.return };
  }
  if (isRecord(parsed.error)) {
    const errorClass =
      typeof parsed.error.class === 'string' ? parsed.error.class : 'unknown';
    const description =
      typeof parsed.error.desc === 'string' ? parsed.error.desc : '';
    return { kind: 'error', ...withId, errorClass, description };
  }
  if (typeof parsed.event === 'string') {
    const data = isRecord(parsed.data) ? parsed.data : {};
    const timestamp = parseTimestamp(parsed.timestamp);
    return { kind: 'event', event: { event: parsed.event, data, timestamp } };
  }
  throw new QmpError(
    `invalid QMP message ${JSON.stringify(line)}: expected a greeting, return, error or event`,
  );
}
