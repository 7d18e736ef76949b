/**
 * The shape of one era of crosvm's exit contract on an x86_64 Linux host. An era fixes the
 * command line a `crosvm` binary from that era accepts, how it loads a kernel, how the guest's
 * devices behave and how the process ends. The rows themselves are in eras.ts.
 */

/** Exit codes and status masking. */
export interface EraExit {
  /** Exit code for an unknown flag, a flag value that does not parse or a misplaced flag. */
  readonly invalidArgs: number;
  /** Exit code of `crosvm --help` and `crosvm run --help`. */
  readonly help: number;
  /**
   * `unmasked`: the exit code of a VM ending is reported as is (before 2021-12-10, when only 0
   * existed until 2021-12-08). `masked-without-flag`: without top-level `--extended-status` the
   * VM endings 32, 33, 34 and 36 all become 0.
   */
  readonly statusMask: 'unmasked' | 'masked-without-flag';
}

/** Command-line flags of the era and their parsing rules. */
export interface EraFlags {
  /**
   * Rules for the options before the subcommand. `none`: the first argument is the subcommand.
   * `extended-status-first`: `--extended-status` is only recognised as the first argument.
   * `fixed-order`: `--extended-status`, `--log-level LEVEL`, `--no-syslog`, in this order, each
   * optional. `any-order`: argh parses every top-level switch in any order.
   */
  readonly topLevel:
    'none' | 'extended-status-first' | 'fixed-order' | 'any-order';
  /** Whether top-level `--extended-status` exists. */
  readonly extendedStatus: boolean;
  /** Whether top-level `--log-level LEVEL` exists. */
  readonly logLevel: boolean;
  /** Whether top-level `--no-syslog` exists. */
  readonly noSyslog: boolean;
  /** The parser of `run`: crosvm's own `argument.rs` parser, or argh. */
  readonly runParser: 'crosvm-argument' | 'argh';
  /**
   * `--serial`: `absent`; `without-hardware` (type, num, path, console keys); `with-hardware`
   * (also the `hardware=serial|virtio-console` key).
   */
  readonly serial: 'absent' | 'without-hardware' | 'with-hardware';
  /** Whether `run --no-legacy` (no i8042, no RTC) exists. */
  readonly noLegacy: boolean;
  /** Whether `run --no-i8042` and `run --no-rtc` exist. */
  readonly noI8042AndNoRtc: boolean;
  /** `--mem N` in MiB only, or also the key-value form `--mem size=N`. */
  readonly mem: 'mib' | 'mib-or-key-values';
  /** Whether the `version` subcommand exists. */
  readonly version: boolean;
}

/** The x86_64 kernel loader's rules. */
export interface EraLoader {
  /**
   * `offset-by-2mib`: each PT_LOAD goes to 0x200000 + p_paddr and the vCPU starts at 0x200200,
   * regardless of `e_entry`. `at-paddr`: segments load at p_paddr (at least 0x200000) and the vCPU
   * starts at `e_entry`.
   */
  readonly placement: 'offset-by-2mib' | 'at-paddr';
  /** Whether `EI_VERSION` must be 1. */
  readonly versionChecked: boolean;
  /**
   * An ELF32 image is `read-as-elf64` (no class check), rejected as `invalid-class`, or
   * `accepted` (started in flat 32-bit protected mode).
   */
  readonly elf32: 'read-as-elf64' | 'invalid-class' | 'accepted';
  /**
   * Range `e_entry` must lie in: `unchecked`; `inclusive-end`: [first PT_LOAD start, last PT_LOAD
   * end], so the first byte past the end passes; `exclusive-end`: [start, end).
   */
  readonly entryRange: 'unchecked' | 'inclusive-end' | 'exclusive-end';
  /** Error wording: `elf-named` ("unable to read elf header") or `generic` ("unable to read header"). */
  readonly messages: 'elf-named' | 'generic';
  /**
   * Guest physical address of the boot GDT that crosvm writes before a 64-bit entry: 0x500, then
   * 0x1500 from 2022-01-27. Fixtures load their own GDT, so they never read it.
   */
  readonly bootGdtBase: number;
  /** Guest physical address of the empty boot IDT: 0x520, 0x1520 from 2022-01-27, 0x1528 from 2023-07-12. */
  readonly bootIdtBase: number;
  /** CS selector at a 64-bit entry: 0x08, then 0x10 from 2023-07-12 (a second null descriptor). */
  readonly bootCodeSelector: number;
  /** DS, ES, FS, GS and SS selector at a 64-bit entry: 0x10, then 0x18 from 2023-07-12. */
  readonly bootDataSelector: number;
  /** TR selector at a 64-bit entry: 0x18, then 0x20 from 2023-07-12. */
  readonly bootTaskSelector: number;
  /**
   * Size in GiB of the identity map crosvm's boot page tables give a 64-bit entry: 1, then 4
   * from 2024-09-20. Fixtures install their own 0-4 GiB map before touching anything above 1 GiB.
   */
  readonly identityMapGib: number;
  /**
   * A bzImage without the XLF_KERNEL_64 load flag (a 32-bit kernel). `long-mode`: started in long
   * mode at offset 0x200 like any bzImage. `rejected`: exit 1, "image does not support 64-bit
   * entry point". `protected-mode`: started in flat 32-bit protected mode at offset 0.
   */
  readonly bzImage32: 'long-mode' | 'rejected' | 'protected-mode';
  /**
   * Whether the loader scans the first 8 KiB for a Multiboot v1 header (magic 0x1BADB002) and
   * loads such an image as Multiboot before trying ELF. Fixtures carry no Multiboot header.
   */
  readonly multiboot: boolean;
}

/** Guest device behaviour. */
export interface EraDevices {
  /** Whether an ACPI S5 write (SLP_EN, SLP_TYP 0) to PM1a_CNT ends the VM (exit 0). */
  readonly acpiShutdown: boolean;
  /**
   * `exit`: i8042 0xFE is an ordinary VM exit (0), a 0xCF9 write only changes the PCI config
   * address, and the FADT has no reset register. `reset`: all three send a reset event (32).
   */
  readonly guestReset: 'exit' | 'reset';
  /**
   * The pvpanic PCI device 1b36:0011. `absent`: no such device. `immediate`: a write of any value
   * but 2 ends the VM with 34. `deferred`: after a write of 1, the next exit through the VM event
   * channel gives 34.
   */
  readonly pvpanic: 'absent' | 'immediate' | 'deferred';
}

/** Effects of host-side events on a running VM. */
export interface EraHostEvents {
  /** A child process that exits or dies: the VM ends with `stop` (0) or `crash` (33). */
  readonly childExit: 'stop' | 'crash';
  /** Whether a clean exit (status 0) of an untracked child is ignored under `--disable-sandbox`. */
  readonly cleanUntrackedChildIgnoredUnsandboxed: boolean;
  /** A vhost-user backend disconnect: `abort` (a Rust panic, SIGABRT) or `crash` (exit 33). */
  readonly vhostUserDisconnect: 'abort' | 'crash';
}

/**
 * Endings that no x86_64 fixture can cause on an unsandboxed x86_64 host: aarch64 devices, KVM
 * failures, crosvm panics in debug builds and a Cargo feature's default. The stub does not
 * emulate them. They are recorded so that every row states its change as data.
 */
export interface EraUnreachableExits {
  /** Exit code of an aarch64 PSCI SYSTEM_RESET: 0, then 32 from 2022-01-28. */
  readonly aarch64PsciReset: number;
  /**
   * Exit code when the aarch64 vmwdt vCPU stall detector expires twice: null before the device
   * exists (2022-07-21), then 32, then 36 from 2022-10-12.
   */
  readonly aarch64VmwdtExpiry: number | null;
  /**
   * Exit code of a failed vCPU run: KVM_EXIT_FAIL_ENTRY, a KVM_RUN errno other than EINTR or
   * EAGAIN, a vCPU control-channel error or a gdb error. 0, then 33 from 2022-01-28.
   */
  readonly vcpuRunFailure: number;
  /** Exit code of a KVM_SYSTEM_EVENT_CRASH: 0, then 34 from 2026-04-15. */
  readonly kvmSystemEventCrash: number;
  /**
   * A Rust panic in crosvm. `release-aborts`: release builds abort (SIGABRT) through `panic =
   * 'abort'`, and debug builds unwind as Rust does by default. `always-aborts`: a panic hook calls
   * `abort()` in every build profile. The stub models a release build, which aborts either way.
   */
  readonly panic: 'release-aborts' | 'always-aborts';
  /**
   * Whether a build with the Cargo feature `direct` reports extended status without
   * `--extended-status` (2021-12-10 to 2022-01-09). The stub models a build without the feature.
   */
  readonly directBuildExtendedStatus: boolean;
}

/** One era: the contract in force from `since` until the next row's `since`. */
export interface Era {
  /** Landing (commit) date of the change that starts the era, `YYYY-MM-DD`, UTC. */
  readonly since: string;
  /** Abbreviated google/crosvm commit hashes that landed on `since` and make the change. */
  readonly commits: readonly string[];
  /** The observable change at `since`, in one sentence. */
  readonly change: string;
  readonly exit: EraExit;
  readonly flags: EraFlags;
  readonly loader: EraLoader;
  readonly devices: EraDevices;
  readonly hostEvents: EraHostEvents;
  readonly unreachableExits: EraUnreachableExits;
}

/** The fields of an era that a row may change, group by group. */
export interface EraChange {
  readonly since: string;
  readonly commits: readonly string[];
  readonly change: string;
  readonly exit?: Partial<EraExit>;
  readonly flags?: Partial<EraFlags>;
  readonly loader?: Partial<EraLoader>;
  readonly devices?: Partial<EraDevices>;
  readonly hostEvents?: Partial<EraHostEvents>;
  readonly unreachableExits?: Partial<EraUnreachableExits>;
}

/** Applies `change` to `previous`, giving the next era. */
export function applyEraChange(previous: Era, change: EraChange): Era {
  return {
    since: change.since,
    commits: change.commits,
    change: change.change,
    exit: { ...previous.exit, ...change.exit },
    flags: { ...previous.flags, ...change.flags },
    loader: { ...previous.loader, ...change.loader },
    devices: { ...previous.devices, ...change.devices },
    hostEvents: { ...previous.hostEvents, ...change.hostEvents },
    unreachableExits: {
      ...previous.unreachableExits,
      ...change.unreachableExits,
    },
  };
}
