import type { ExitStatus } from '../model/exit-status.js';

/**
 * The values that flow from the runner to the reporters. Every reporter (JUnit, CTRF, Markdown,
 * HTML, the vitest matcher) reads only these types, so a run can be reported without knowing
 * which backend produced it.
 */

/** The kind of VMM that ran a scenario. */
export type VmmKind = 'crosvm' | 'qemu';

/** The crosvm under test and the way it was found, for the first line of a run and every report. */
export interface BinaryIdentity {
  /** Absolute path of the executable, or `stub:YYYY-MM-DD` for the bundled stub. */
  readonly path: string;
  /** `--crosvm`, `$CROSVM`, `PATH` or `bundled stub`. */
  readonly foundBy: string;
  /** The era the stub emulates (YYYY-MM-DD); absent for a real binary. */
  readonly stubEra?: string;
}

/** A captured output stream: the file holding it (capped, head and tail kept) and an excerpt. */
export interface CapturedStream {
  /** Path of the capture file. */
  readonly path: string;
  /** Bytes the process wrote in total, including any that the cap dropped. */
  readonly bytes: number;
  /** True when the cap dropped bytes from the middle of the stream. */
  readonly truncated: boolean;
  /** The last part of the stream as text, for failure messages. */
  readonly tail: string;
}

/** One AVF profile's reading of a scenario's ending. */
export interface ProfileClassification {
  readonly profile: string;
  /** DeathReason enumerator name, e.g. `REBOOT`. */
  readonly reason: string;
  /** DeathReason value in that profile. */
  readonly value: number;
  /** The output of the profile's `vm` tool for it. */
  readonly message: string;
}

/** The comparison of a scenario's outcome with its approved expectation. */
export type VerdictKind =
  'pass' | 'expected-divergence' | 'unexpected' | 'flaky';

/** The approved outcome a scenario was held to. */
export interface Expectation {
  /** Raw exit as formatted by `formatExitStatus`, e.g. `exit 32` or `signal SIGKILL (9)`. */
  readonly exit: string;
  /** Expected DeathReason under the run's primary profile. */
  readonly reason: string;
  /** The reason the real outcome differs from what the fixture's author means, when it does. */
  readonly divergence?: string;
}

/** Everything known about one scenario after it ran. */
export interface ScenarioResult {
  /** Stable id, the same across runs and versions, e.g. `reboot-i8042.ext.none`. */
  readonly id: string;
  readonly fixture: string;
  /** Command-line variant, e.g. `ext`, `plain`, `no-i8042`, `invalid-flag`, `missing-kernel`. */
  readonly variant: string;
  /** Host action, e.g. `none`, `sigkill`, `sigterm`, `stop`, `timeout`. */
  readonly hostAction: string;
  readonly vmm: VmmKind;
  /** The exact argv, executable first; never passed through a shell. */
  readonly argv: readonly string[];
  readonly status: ExitStatus;
  readonly durationMs: number;
  readonly console: CapturedStream;
  readonly stderr: CapturedStream;
  /**
   * The text the guest wrote to its failure port (COM2), cut at the primary profile's cap. Absent
   * when the guest wrote nothing or the launch gave it no failure port.
   */
  readonly failureString?: string;
  /** One entry per selected profile, the primary profile first. */
  readonly classifications: readonly ProfileClassification[];
  readonly expected?: Expectation;
  readonly verdict: VerdictKind;
  /** One sentence saying why the verdict is what it is. */
  readonly detail: string;
}

/** A whole run, as the reporters receive it. */
export interface RunReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly binary: BinaryIdentity;
  readonly vmm: VmmKind;
  /** The target a run certifies: a crosvm era and the AVF profiles (primary first). */
  readonly target: {
    readonly era: string;
    readonly profiles: readonly string[];
  };
  /** Fingerprint summary line, when one was taken. */
  readonly fingerprint?: string;
  /** AVF source-tree findings, one line each, when `--avf-tree` was given. */
  readonly avfFindings?: readonly string[];
  readonly results: readonly ScenarioResult[];
}
