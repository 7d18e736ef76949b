import type { HangupTimeouts } from './hangup.js';

/**
 * What `avf-check` extracts from an AVF source tree: the four places that define DeathReason
 * (AIDL enum, Java constants and translation, the Rust exit-status mapping, the `vm` tool's
 * messages). Paths are relative to the tree root, lines are 1-based.
 */

/** A place in the checked tree, for findings. */
export interface SourceRef {
  readonly path: string;
  readonly line: number;
}

/** One enumerator of the AIDL `enum DeathReason`. */
export interface AidlEnumerator extends SourceRef {
  readonly name: string;
  readonly value: number;
  /** The `/** ... *\/` comment text before the enumerator, whitespace collapsed. */
  readonly doc?: string;
}

export interface AidlEnum {
  readonly path: string;
  /** The `package` declaration, e.g. `android.system.virtualizationcommon`. */
  readonly packageName: string;
  readonly enumerators: readonly AidlEnumerator[];
}

/** A Java `static final int` constant such as `STOP_REASON_KILLED = 1`. */
export interface JavaConstant extends SourceRef {
  readonly name: string;
  readonly value: number;
  readonly doc?: string;
}

/** The Java callback type: its DeathReason constants, callback method and visibility. */
export interface JavaConstants {
  readonly path: string;
  readonly constants: readonly JavaConstant[];
  /** `onDied` until 2022-10-04, then `onStopped`; absent when neither method is declared. */
  readonly callback?: string;
  /** `system-api` once the type carries `@SystemApi`, `hide` before. */
  readonly visibility: 'hide' | 'system-api';
}

/** One `case DeathReason.X:` of the Java translation and the constant it yields. */
export interface JavaTranslationCase extends SourceRef {
  /** AIDL enumerator name. */
  readonly from: string;
  /** Java constant name. */
  readonly to: string;
}

export interface JavaTranslation {
  readonly path: string;
  readonly cases: readonly JavaTranslationCase[];
  /** Constant the `default:` branch yields, when there is one. */
  readonly defaultTo?: string;
}

/** A `const CROSVM_*_STATUS: i32 = N;` of the Rust mapping file. */
export interface StatusConstant extends SourceRef {
  readonly name: string;
  readonly value: number;
  readonly doc?: string;
}

/** One arm of the mapping function, by what it matches. */
export type MappingArm = SourceRef &
  (
    | {
        readonly kind: 'token';
        readonly token: string;
        readonly reason: string;
      }
    | {
        readonly kind: 'exit-code';
        readonly code: number;
        /** The constant the arm names, when it names one instead of a literal. */
        readonly constant?: string;
        readonly reason: string;
      }
    | { readonly kind: 'signal'; readonly reason: string }
    | { readonly kind: 'other-code'; readonly reason: string }
    | { readonly kind: 'wait-failed'; readonly reason: string }
  );

/** The Rust function `death_reason` and its constants. */
export interface MappingFunction {
  readonly path: string;
  readonly constants: readonly StatusConstant[];
  readonly arms: readonly MappingArm[];
  /** True when only the text before the first '|' of the failure string is matched. */
  readonly splitsAtPipe: boolean;
  /** True when the failure string is trimmed of surrounding whitespace before matching. */
  readonly trims: boolean;
  /** True when the function takes the failure string as well as the wait result. */
  readonly readsFailure: boolean;
  /** Bytes of the failure pipe read at most, or null when it is read to its end. */
  readonly capBytes: number | null;
  /** The boot hangup timeouts in seconds, when the file declares them. */
  readonly hangupTimeouts?: HangupTimeouts;
}

/** What the `vm` tool prints for each AIDL reason. */
export interface VmMessages {
  readonly paths: readonly string[];
  /**
   * How the text is produced: a match on the AIDL value (`match`), the vmclient enum's
   * `Display` (`display`) or "VM ended: " with its `Debug` form (`debug`).
   */
  readonly style: 'match' | 'display' | 'debug';
  /** AIDL enumerator name to printed text. */
  readonly messages: ReadonlyMap<string, string>;
  /**
   * Text for an AIDL value with no arm of its own, when the tool has such a fallback; `{value}`
   * stands for the integer.
   */
  readonly fallback?: string;
  /** What the tool prints when the virtualization service itself dies, and on which stream. */
  readonly serviceDied?: {
    readonly text: string;
    readonly stream: 'stdout' | 'stderr';
  };
  /** Line in the vm tool's source where the messages are produced. */
  readonly line: number;
}

/** A file that was found but could not be read or parsed. */
export interface FileProblem {
  readonly path: string;
  readonly reason: string;
}

/** One part of the tree: extracted, absent from the tree, or present but unparsable. */
export type Part<T> =
  | { readonly kind: 'found'; readonly value: T }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unparsable'; readonly problem: FileProblem };

/** Everything extracted from one tree. */
export interface AvfTreeModel {
  readonly root: string;
  readonly aidl: Part<AidlEnum>;
  readonly javaConstants: Part<JavaConstants>;
  readonly javaTranslation: Part<JavaTranslation>;
  readonly mapping: Part<MappingFunction>;
  readonly vm: Part<VmMessages>;
  /** Every file that could not be read or parsed, including ones no part depended on. */
  readonly problems: readonly FileProblem[];
  /** Files a part could have come from but was not taken from (several candidates). */
  readonly notes: readonly string[];
}
