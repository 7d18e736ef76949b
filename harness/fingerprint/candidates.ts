import type { CandidateLike } from './derive.js';
import { PROBE_VARIANTS, type ProbeVariant } from './variants.js';

/**
 * The candidate space of probes: kernel image x command-line variant x host actions. The
 * derivation predicts every candidate in every era and keeps a small set that separates the eras,
 * so adding a kernel, a variant or an era row changes the chosen probes without editing them.
 */

/**
 * An action of the host on a running VMM. `stop` runs `<binary> stop SOCKET`. The others are the
 * stub's injected host events: a sandboxed device process dying or a vhost-user backend
 * disconnecting.
 */
export type HostAction =
  | 'stop'
  | 'device-child-killed'
  | 'device-child-clean-exit'
  | 'vhost-user-disconnect';

/** A kernel image a probe can boot. */
export interface ProbeKernel {
  /** Fixture or malformed-image name, e.g. `reboot-i8042` or `elf32`. */
  readonly name: string;
  /** The image bytes, as the VMM reads them. */
  readonly image: Buffer;
  /** The console text that shows the guest is running, so host actions can start. */
  readonly startLine: string;
  /** True when the guest never ends the VM by itself (halt or spin), so it needs host actions. */
  readonly keepsRunning: boolean;
}

/** One candidate probe. */
export interface ProbeCandidate extends CandidateLike {
  /** Stable id `KERNEL.VARIANT.ACTIONS`, with ACTIONS `none` or the actions joined by `+`. */
  readonly id: string;
  readonly kernel: ProbeKernel;
  readonly variant: ProbeVariant;
  /** Host actions, in order, taken once the start line is on the console. */
  readonly hostActions: readonly HostAction[];
}

/**
 * Host-action sequences tried on guests that keep running. A clean device-child exit followed by
 * `stop` shows whether the exit ended the VM or was ignored, without waiting for a timeout.
 */
export const HOST_ACTION_SEQUENCES: readonly (readonly HostAction[])[] = [
  ['stop'],
  ['device-child-killed'],
  ['device-child-clean-exit', 'stop'],
  ['vhost-user-disconnect'],
];

/** Builds the candidate id for a kernel, a variant and host actions. */
export function candidateId(
  kernel: string,
  variant: string,
  hostActions: readonly HostAction[],
): string {
  const actions = hostActions.length === 0 ? 'none' : hostActions.join('+');
  return `${kernel}.${variant}.${actions}`;
}

/**
 * Lists every candidate: each kernel with each variant, with no host action for guests that end
 * by themselves and with each of `HOST_ACTION_SEQUENCES` for guests that keep running. The cost is
 * 1 plus the number of host actions, since each action waits for a round trip to the VMM.
 */
export function listCandidates(
  kernels: readonly ProbeKernel[],
  variants: readonly ProbeVariant[] = PROBE_VARIANTS,
): ProbeCandidate[] {
  const candidates: ProbeCandidate[] = [];
  for (const kernel of kernels) {
    const sequences = kernel.keepsRunning ? HOST_ACTION_SEQUENCES : [[]];
    for (const variant of variants) {
      for (const hostActions of sequences) {
        candidates.push({
          id: candidateId(kernel.name, variant.name, hostActions),
          kernel,
          variant,
          hostActions,
          cost: 1 + hostActions.length,
        });
      }
    }
  }
  return candidates;
}
