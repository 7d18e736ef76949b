import type { CandidateLike } from './derive.js';
import {
  COMMAND_VARIANTS,
  RUN_VARIANTS,
  type RunVariant,
  type CommandVariant,
} from './variants.js';

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

/** One candidate probe: a kernel booted by a `run` variant, or a command variant alone. */
export type ProbeCandidate = RunCandidate | CommandCandidate;

/** A probe that boots a kernel. */
export interface RunCandidate extends CandidateLike {
  /** Stable id `KERNEL.VARIANT.ACTIONS`, with ACTIONS `none` or the actions joined by `+`. */
  readonly id: string;
  readonly kernel: ProbeKernel;
  readonly variant: RunVariant;
  /** Host actions, in order, taken once the start line is on the console. */
  readonly hostActions: readonly HostAction[];
}

/** A probe that runs a command without a guest. */
export interface CommandCandidate extends CandidateLike {
  /** Stable id `command.VARIANT.none`. */
  readonly id: string;
  readonly kernel?: undefined;
  readonly variant: CommandVariant;
  readonly hostActions: readonly [];
}

/** Kernel name in the ids of command probes. */
export const COMMAND_PROBE_KERNEL = 'command';

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

/** The inputs of the candidate space; the defaults are every known variant. */
export interface CandidateSpace {
  readonly kernels: readonly ProbeKernel[];
  readonly runVariants?: readonly RunVariant[];
  readonly commandVariants?: readonly CommandVariant[];
  /** Host-action sequences for guests that keep running; `[]` leaves such guests out. */
  readonly hostActionSequences?: readonly (readonly HostAction[])[];
}

/**
 * Lists every candidate: each command variant once, and each kernel with each `run` variant,
 * with no host action for guests that end by themselves and with each host-action sequence for
 * guests that keep running. The cost is 1 plus the number of host actions, since each action
 * waits for a round trip to the VMM.
 */
export function listCandidates(space: CandidateSpace): ProbeCandidate[] {
  const variants = space.runVariants ?? RUN_VARIANTS;
  const actionSequences = space.hostActionSequences ?? HOST_ACTION_SEQUENCES;
  const candidates: ProbeCandidate[] = (
    space.commandVariants ?? COMMAND_VARIANTS
  ).map((variant) => ({
    id: candidateId(COMMAND_PROBE_KERNEL, variant.name, []),
    variant,
    hostActions: [],
    cost: 1,
  }));
  for (const kernel of space.kernels) {
    const sequences = kernel.keepsRunning ? actionSequences : [[]];
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
