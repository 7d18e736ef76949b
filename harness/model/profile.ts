/**
 * One state of AVF's DeathReason behaviour, as data. A profile starts on every AVF commit date
 * where something a client can observe changes: enumerator values or names, exit-code arms,
 * failure-token set or matching rules, the hangup rule, the Java surface or translation, or the
 * `vm` tool's messages. The values live in `profiles.ts`; `classify.ts` reads them.
 */

/** The origin of a profile's behaviour in AOSP `platform/packages/modules/Virtualization`. */
export interface ProfileSource {
  /** Abbreviated AOSP commit hash, or null for the undated 2025 trees. */
  readonly commit: string | null;
  /** Commit date (YYYY-MM-DD), or null when only a tree of unknown date shows the change. */
  readonly date: string | null;
  /** The commit subject verbatim, or null where it is not known. */
  readonly subject: string | null;
  /** For an undated state, the GitHub mirror and tree it was read from. */
  readonly tree?: string;
}

/** One value of the AIDL `DeathReason` enum. */
export interface Enumerator {
  readonly name: string;
  readonly value: number;
  /** The AIDL doc comment, verbatim. */
  readonly doc: string;
  /** The previous name of the same value, for a rename such as ERROR to START_FAILED. */
  readonly renamedFrom?: string;
}

/** A named crosvm exit status that AVF's `death_reason` matches, with the reason it gives. */
export interface StatusConstant {
  /** The Rust constant, e.g. `CROSVM_CRASH_STATUS`. */
  readonly name: string;
  /** The crosvm exit code, 0-255. */
  readonly code: number;
  /** The DeathReason enumerator name the code maps to. */
  readonly reason: string;
  readonly doc: string;
}

/** Rules by which AVF reads and matches the failure string the guest writes to its second UART. */
export interface FailureRules {
  /** False before AVF passed crosvm a failure pipe: any failure string is ignored. */
  readonly read: boolean;
  /** Strings that, when matched, give the enumerator of the same name. */
  readonly tokens: readonly string[];
  /** True when only the text before the first `|` is matched (the rest is logged). */
  readonly splitAtPipe: boolean;
  /** `trimmed` strips leading and trailing whitespace before matching; `exact` compares as is. */
  readonly match: 'exact' | 'trimmed';
  /** Bytes of the pipe AVF reads at most, or null when it reads to end of file. */
  readonly capBytes: number | null;
}

/**
 * When a Microdroid boot hangup turns into the `HANGUP` failure string: `none` (no detection),
 * `always` (the pipe is not read and the string is `HANGUP`), `when-empty` (only when the pipe
 * gave an empty string).
 */
export type HangupMode = 'none' | 'always' | 'when-empty';

export interface HangupRule {
  readonly mode: HangupMode;
  /**
   * Seconds AVF waits for the payload to report Started before it kills crosvm: `normal` on
   * hardware virtualization, `nested` under nested virtualization. Null when mode is `none`.
   */
  readonly timeoutSeconds: {
    readonly normal: number;
    readonly nested: number;
  } | null;
}

/** A Java constant apps compile against, without its prefix (`SHUTDOWN`, not `STOP_REASON_...`). */
export interface JavaConstant {
  readonly name: string;
  readonly value: number;
  /** The previous name of the same value, e.g. ERROR for START_FAILED. */
  readonly renamedFrom?: string;
}

/**
 * The way an AIDL value reaches a Java callback. `raw` passes the integer through. `translated`
 * maps each listed AIDL name to the same-named Java constant and any other value to
 * `defaultConstant`.
 */
export type JavaTranslation =
  | { readonly kind: 'raw' }
  | {
      readonly kind: 'translated';
      readonly cases: readonly string[];
      readonly defaultConstant: string;
    };

export interface JavaSurface {
  /** `hide` for `@hide` constants, `system-api` once they are a `@SystemApi`. */
  readonly visibility: 'hide' | 'system-api';
  /** `DEATH_REASON_` before the callback became `onStopped`, `STOP_REASON_` after. */
  readonly prefix: 'DEATH_REASON_' | 'STOP_REASON_';
  /** The callback method that receives the reason. */
  readonly callback: 'onDied' | 'onStopped';
  /** Includes the service-death constant, value -1, which has no AIDL counterpart. */
  readonly constants: readonly JavaConstant[];
  readonly translation: JavaTranslation;
}

/** Output of the `vm run` tool when the VM ends. */
export interface VmMessages {
  /** Output for each enumerator name; a value the tool does not know prints `fallback`. */
  readonly messages: Readonly<Record<string, string>>;
  /** Output for a value with no entry; `{value}` stands for the integer. */
  readonly fallback: string;
  /** Output when the virtualization service itself dies, and the stream it goes to. */
  readonly serviceDied: {
    readonly text: string;
    readonly stream: 'stdout' | 'stderr';
  };
}

/** Location of the AIDL enum, which sets its fully qualified name. */
export interface AidlLocation {
  readonly package: string;
  readonly path: string;
}

export interface Profile {
  /** `avf-YYYY-MM-DD` after the commit date, or `avf-2025a` / `avf-2025b` for undated trees. */
  readonly name: string;
  readonly source: ProfileSource;
  /** Changes against the previous profile, one sentence each. */
  readonly changes: readonly string[];
  readonly aidl: AidlLocation;
  /** In value order. */
  readonly enumerators: readonly Enumerator[];
  /**
   * Named exit statuses. The arms that never changed are not listed: a signal gives KILLED, exit
   * 0 gives SHUTDOWN, any other code UNKNOWN, and a failed wait INFRASTRUCTURE_ERROR.
   */
  readonly statusConstants: readonly StatusConstant[];
  readonly failure: FailureRules;
  readonly hangup: HangupRule;
  readonly java: JavaSurface;
  readonly vm: VmMessages;
}
