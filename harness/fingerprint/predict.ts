import type { Era } from '../crosvm/era-types.js';
import { formatExitStatus, signaled } from '../model/exit-status.js';
import {
  predict,
  type Ending,
  type OutputChunk,
  type Prediction,
} from '../stub/contract.js';
import type { HostAction, ProbeCandidate } from './candidates.js';
import {
  normalizeConsole,
  STILL_RUNNING,
  type ProbeOutcome,
} from './outcome.js';
import { probeArguments } from './variants.js';

/**
 * Kernel and socket paths put into predicted command lines. The prediction never opens them: the
 * kernel bytes come from the probe, and the socket only has to be present on the command line.
 */
const PREDICTED_KERNEL_PATH = '/probe/kernel.elf';
const PREDICTED_SOCKET_PATH = '/probe/control.sock';

/**
 * The stub's predictions for one era by kernel, variant and socket, shared by the probes that
 * differ only in their host actions.
 */
export type PredictionMemo = Map<string, Prediction>;

/**
 * Predicts what a crosvm of `era` shows for a probe, using the stub's pure contract: the ending
 * after the probe's host actions and the guest console. Command probes keep the exit status only,
 * as `executeProbes` does.
 */
export function predictProbe(
  era: Era,
  probe: ProbeCandidate,
  memo?: PredictionMemo,
): ProbeOutcome {
  if (probe.kernel === undefined) {
    const prediction = predict(era, probe.variant.arguments, (path) => ({
      kind: 'open-failed',
      path,
      error: 'No such file or directory (os error 2)',
    }));
    return { ending: endingAfter(prediction.ending, []), console: '' };
  }

  const { image } = probe.kernel;
  const socket =
    probe.hostActions.length > 0 ? PREDICTED_SOCKET_PATH : undefined;
  const key = `${probe.kernel.name}\0${probe.variant.name}\0${socket ?? ''}`;
  let prediction = memo?.get(key);
  if (prediction === undefined) {
    const argv = probeArguments(probe.variant, PREDICTED_KERNEL_PATH, socket);
    prediction = predict(era, argv, () => ({ kind: 'bytes', bytes: image }));
    memo?.set(key, prediction);
  }
  // Host actions start only once the start line is on the console; without it they do nothing.
  const started = consoleText(prediction.com1).includes(probe.kernel.startLine);
  return {
    ending: endingAfter(prediction.ending, started ? probe.hostActions : []),
    console: normalizeConsole(consoleText(prediction.com1)),
  };
}

/** Formats the ending after the host actions, taken in order, as `ProbeOutcome.ending`. */
function endingAfter(ending: Ending, actions: readonly HostAction[]): string {
  switch (ending.kind) {
    case 'exit':
      return `exit ${ending.code}`;
    case 'signal':
      return formatExitStatus(signaled(ending.signal));
    case 'running':
      for (const action of actions) {
        if (action === 'stop') return `exit ${ending.stopCode}`;
        const result = ending.hostEvents[action];
        if (result.kind === 'exit') return `exit ${result.code}`;
        if (result.kind === 'signal')
          return formatExitStatus(signaled(result.signal));
      }
      return STILL_RUNNING;
  }
}

/** Expands console chunks into the text the guest writes. */
function consoleText(chunks: readonly OutputChunk[]): string {
  let text = '';
  for (const chunk of chunks) {
    if ('text' in chunk) {
      text += chunk.text;
    } else {
      const repeats = Math.ceil(chunk.bytes / chunk.pattern.length);
      text += chunk.pattern.repeat(repeats).slice(0, chunk.bytes);
    }
  }
  return text;
}
