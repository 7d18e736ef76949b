import type { QmpEvent } from './qmp-messages.js';

/**
 * A QMP event caused by the guest, reduced to the event name and, for `SHUTDOWN` and `RESET`, the
 * reason QEMU gives. With `-no-reboot` a guest reset arrives as `SHUTDOWN` with reason
 * `guest-reset`, and an ACPI power-off as `SHUTDOWN` with reason `guest-shutdown`.
 */
export interface QemuObservation {
  readonly event: string;
  readonly reason?: string;
}

/**
 * Events the harness itself causes: `RESUME` follows its `cont`. They carry no information about
 * the guest, so they are left out of the observations. Every other event is kept, so that an event
 * no expectation lists makes the comparison fail.
 */
const HARNESS_EVENTS: ReadonlySet<string> = new Set(['RESUME']);

/** Events whose `reason` field is part of the observation. */
const EVENTS_WITH_REASON: ReadonlySet<string> = new Set(['SHUTDOWN', 'RESET']);

/** Reduces recorded events to observations, oldest first. */
export function toObservations(events: readonly QmpEvent[]): QemuObservation[] {
  const observations: QemuObservation[] = [];
  for (const { event, data } of events) {
    if (HARNESS_EVENTS.has(event)) continue;
    const reason = data.reason;
    if (EVENTS_WITH_REASON.has(event) && typeof reason === 'string') {
      observations.push({ event, reason });
    } else {
      observations.push({ event });
    }
  }
  return observations;
}

/** Formats observations for messages: `SHUTDOWN(guest-reset), GUEST_PANICKED` or `none`. */
export function formatObservations(
  observations: readonly QemuObservation[],
): string {
  if (observations.length === 0) return 'none';
  return observations
    .map(({ event, reason }) =>
      reason === undefined ? event : `${event}(${reason})`,
    )
    .join(', ');
}

/** True when both lists have the same events with the same reasons, in the same order. */
export function sameObservations(
  expected: readonly QemuObservation[],
  observed: readonly QemuObservation[],
): boolean {
  return formatObservations(expected) === formatObservations(observed);
}
