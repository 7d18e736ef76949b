import { describe, expect, test } from 'vitest';
import { parseQmpMessage, QmpError } from '../../harness/qemu/qmp-messages.js';

describe('parseQmpMessage', () => {
  test('greeting from QEMU 7.2', () => {
    const message = parseQmpMessage(
      '{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian 1:7.2+dfsg-7"}, "capabilities": ["oob"]}}',
    );
    expect(message).toEqual({
      kind: 'greeting',
      version: '7.2.22 Debian 1:7.2+dfsg-7',
      capabilities: ['oob'],
    });
  });

  test('return with and without id', () => {
    expect(parseQmpMessage('{"return": {}, "id": 7}')).toEqual({
      kind: 'return',
      id: 7,
      value: {},
    });
    expect(parseQmpMessage('{"return": {}}')).toEqual({
      kind: 'return',
      value: {},
    });
  });

  test('error carries class and description', () => {
    const message = parseQmpMessage(
      '{"id": 2, "error": {"class": "CommandNotFound", "desc": "The command nope has not been found"}}',
    );
    expect(message).toEqual({
      kind: 'error',
      id: 2,
      errorClass: 'CommandNotFound',
      description: 'The command nope has not been found',
    });
  });

  test('event keeps data and timestamp', () => {
    const message = parseQmpMessage(
      '{"timestamp": {"seconds": 1796399434, "microseconds": 73194}, "event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-reset"}}',
    );
    expect(message).toEqual({
      kind: 'event',
      event: {
        event: 'SHUTDOWN',
        data: { guest: true, reason: 'guest-reset' },
        timestamp: { seconds: 1796399434, microseconds: 73194 },
      },
    });
  });

  test('event without data or timestamp', () => {
    expect(parseQmpMessage('{"event": "RESUME"}')).toEqual({
      kind: 'event',
      event: {
        event: 'RESUME',
        data: {},
        timestamp: { seconds: -1, microseconds: -1 },
      },
    });
  });

  test.for([
    ['not JSON', '{"return"', /not JSON/],
    ['an array', '[1, 2]', /not a JSON object/],
    [
      'an unknown object',
      '{"hello": 1}',
      /expected a greeting, return, error or event/,
    ],
  ] as const)('rejects %s', ([, line, pattern]) => {
    expect(() => parseQmpMessage(line)).toThrow(QmpError);
    expect(() => parseQmpMessage(line)).toThrow(pattern);
  });
});
