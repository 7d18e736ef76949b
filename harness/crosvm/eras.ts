/**
 * Eras of crosvm's exit contract on x86_64 Linux hosts, as data. Each row starts on the landing
 * date of google/crosvm commits that change the contract: exit codes, flags, the kernel loader,
 * devices, host-event handling, or endings that only aarch64, KVM failures or other builds reach
 * (the `unreachableExits` group). Dates and behaviour were read from the crosvm git history
 * (newest commit read: f1e797a68, 2026-08-21).
 *
 * Commits that change nothing a caller of crosvm can see have no row. These are 3048738d9
 * (2022-10-07, explicit enum values), aed457229 (2024-05-21, a shutdown detail for metrics) and
 * the same-day revert and reland of the `--no-legacy` split (7e7412a86, 3d6c9542a, 2022-06-21).
 * Nor has 008c3bc17 (2024-08-19): it adds a Multiboot parser that x86_64 first calls in
 * 83cc2e0e9 (2025-02-10).
 */
import { applyEraChange, type Era, type EraChange } from './era-types.js';

export type { Era } from './era-types.js';

/** The first era: bfba99376 (2018-02-13), "main: Exit with non-zero exit code on failure". */
const FIRST_ERA: Era = {
  since: '2018-02-13',
  commits: ['bfba99376'],
  change: 'every subcommand exits 1 on failure; every VM ending exits 0',
  exit: { invalidArgs: 1, help: 0, statusMask: 'unmasked' },
  flags: {
    topLevel: 'none',
    extendedStatus: false,
    logLevel: false,
    noSyslog: false,
    runParser: 'crosvm-argument',
    serial: 'absent',
    noLegacy: false,
    noI8042AndNoRtc: false,
    mem: 'mib',
    version: false,
  },
  // Loader of kernel_loader/src/lib.rs before b4244d395 (read at 8cac16bf7^): ELF64 only, no
  // version, class or entry check, segments at 0x200000 + p_paddr, RIP 0x200200.
  loader: {
    placement: 'offset-by-2mib',
    versionChecked: false,
    elf32: 'read-as-elf64',
    entryRange: 'unchecked',
    messages: 'elf-named',
    // x86_64/src/lib.rs and regs.rs before 8764deb8d: GDT at 0x500 with NULL, CODE, DATA, TSS
    // (selectors 0x08, 0x10, 0x18), IDT at 0x520, and one page directory mapping 0-1 GiB.
    bootGdtBase: 0x500,
    bootIdtBase: 0x520,
    bootCodeSelector: 0x08,
    bootDataSelector: 0x10,
    bootTaskSelector: 0x18,
    identityMapGib: 1,
    // x86_64/src/bzimage.rs before 42ca575b7 reads no load flag and always enters at 0x200.
    bzImage32: 'long-mode',
    multiboot: false,
  },
  // Before b41b9bbb4 (read at b41b9bbb4^): i8042 0xFE signals the exit event
  // (devices/src/i8042.rs), and a byte written to 0xCF9 goes to set_config_address of the 0xCF8
  // window (devices/src/pci/pci_root.rs), so it resets nothing.
  devices: { acpiShutdown: false, guestReset: 'exit', pvpanic: 'absent' },
  hostEvents: {
    childExit: 'stop',
    cleanUntrackedChildIgnoredUnsandboxed: false,
    // NOTE: vhost-user frontends did not exist in the earliest eras; this value only matters
    // for a build that has one.
    vhostUserDisconnect: 'abort',
  },
  // Before b28ae8e70 and 1a19c67e2 every vCPU exit, KVM system event included, stops the VM (0).
  // Before b3fa5c95a only `[profile.release] panic = 'abort'` turns a panic into SIGABRT.
  unreachableExits: {
    aarch64PsciReset: 0,
    aarch64VmwdtExpiry: null,
    vcpuRunFailure: 0,
    kvmSystemEventCrash: 0,
    panic: 'release-aborts',
    directBuildExtendedStatus: false,
  },
};

/** Each later era as its change against the era before it, in date order. */
const CHANGES: readonly EraChange[] = [
  {
    since: '2019-02-07',
    commits: ['b3fa5c95a'],
    change: 'a panic hook aborts on every panic, debug builds included',
    unreachableExits: { panic: 'always-aborts' },
  },
  {
    since: '2019-05-15',
    commits: ['17ccaadc2'],
    change: '--serial type=...,num=...,path=...,console added',
    flags: { serial: 'without-hardware' },
  },
  {
    since: '2020-01-13',
    commits: ['54305cd5e'],
    change: 'version subcommand added',
    flags: { version: true },
  },
  {
    since: '2020-04-23',
    commits: ['a7b6a1c89'],
    change: 'hardware= key of --serial added',
    flags: { serial: 'with-hardware' },
  },
  {
    since: '2020-11-16',
    commits: ['0df9df580'],
    change: 'an ACPI S5 write to PM1a_CNT ends the VM with 0',
    devices: { acpiShutdown: true },
  },
  {
    since: '2021-05-13',
    commits: ['d93c29fdf'],
    change: '--no-legacy added (no i8042, no RTC)',
    flags: { noLegacy: true },
  },
  {
    since: '2021-12-08',
    commits: ['f75699f59', 'b41b9bbb4', 'd05fc4e6f'],
    change:
      'i8042 0xFE, 0xCF9 bit 2 and the FADT reset register exit 32, with no flag',
    devices: { guestReset: 'reset' },
  },
  {
    since: '2021-12-10',
    commits: ['dacf10487'],
    change:
      '--extended-status added as the first argument; without it every VM ending is 0',
    exit: { statusMask: 'masked-without-flag' },
    flags: { topLevel: 'extended-status-first', extendedStatus: true },
    unreachableExits: { directBuildExtendedStatus: true },
  },
  {
    since: '2022-01-10',
    commits: ['dd8a12c71'],
    change:
      'builds with the direct feature no longer default to extended status',
    unreachableExits: { directBuildExtendedStatus: false },
  },
  {
    since: '2022-01-27',
    commits: ['8764deb8d'],
    change:
      'boot GDT moves from 0x500 to 0x1500 and the IDT from 0x520 to 0x1520',
    loader: { bootGdtBase: 0x1500, bootIdtBase: 0x1520 },
  },
  {
    since: '2022-01-28',
    commits: ['b28ae8e70', '1a19c67e2'],
    change:
      'aarch64 PSCI reset exits 32; a failed vCPU run (KVM_EXIT_FAIL_ENTRY, KVM_RUN errno) exits 33',
    unreachableExits: { aarch64PsciReset: 32, vcpuRunFailure: 33 },
  },
  {
    since: '2022-02-28',
    commits: ['9a3d2dc58'],
    change: 'pvpanic device added; a write of any value but 2 exits 34 at once',
    devices: { pvpanic: 'immediate' },
  },
  // --log-level and --no-syslog both arrive with 86939a133: src/main.rs at 9453959c4
  // (2022-05-23) still parses only --extended-status before the subcommand.
  {
    since: '2022-05-24',
    commits: ['86939a133', '6562f9d11'],
    change:
      'top-level --log-level and --no-syslog in fixed order; pvpanic deferred to the next exit',
    flags: { topLevel: 'fixed-order', logLevel: true, noSyslog: true },
    devices: { pvpanic: 'deferred' },
  },
  {
    since: '2022-06-02',
    commits: ['33adade23'],
    change: 'top-level options parsed by argh, in any order',
    flags: { topLevel: 'any-order' },
  },
  {
    since: '2022-06-13',
    commits: ['7910b89eb'],
    change: 'run parsed by argh; every parse error exits 0',
    exit: { invalidArgs: 0 },
    flags: { runParser: 'argh' },
  },
  {
    since: '2022-06-15',
    commits: ['7110d673f'],
    change:
      '--no-i8042 and --no-rtc added, --no-legacy kept as an alias of both',
    flags: { noI8042AndNoRtc: true },
  },
  {
    since: '2022-06-23',
    commits: ['333bf60e9', 'b4244d395', '102d03b38'],
    change:
      'ELF segments load at p_paddr (at least 0x200000) and the vCPU starts at e_entry',
    loader: { placement: 'at-paddr', entryRange: 'inclusive-end' },
  },
  {
    since: '2022-06-28',
    commits: ['1c80e0621'],
    change: '--no-legacy removed',
    flags: { noLegacy: false },
  },
  {
    since: '2022-07-21',
    commits: ['acb1f6683'],
    change: 'aarch64 vmwdt stall detector added; its expiry exits 32',
    unreachableExits: { aarch64VmwdtExpiry: 32 },
  },
  {
    since: '2022-07-26',
    commits: ['e3259f631'],
    change: 'ELF version and class checked; x86_64 rejects ELF32',
    loader: { versionChecked: true, elf32: 'invalid-class' },
  },
  {
    since: '2022-08-09',
    commits: ['0bde005ec'],
    change: 'parse errors and --help exit 35',
    exit: { invalidArgs: 35, help: 35 },
  },
  {
    since: '2022-10-12',
    commits: ['b5edcab20'],
    change: 'aarch64 vmwdt expiry exits 36',
    unreachableExits: { aarch64VmwdtExpiry: 36 },
  },
  {
    since: '2022-10-19',
    commits: ['fecddd773'],
    change: '--help prints usage to stdout and exits 0',
    exit: { help: 0 },
  },
  {
    since: '2022-11-15',
    commits: ['0fcd5c7c0'],
    change:
      'loader errors renamed ("unable to read header", "invalid magic number")',
    loader: { messages: 'generic' },
  },
  {
    since: '2022-11-21',
    commits: ['bacf3f770'],
    change: '--mem also takes key-values (size=N in MiB)',
    flags: { mem: 'mib-or-key-values' },
  },
  {
    since: '2022-12-15',
    commits: ['c0672fd0f'],
    change: 'an exiting child process ends the VM with 33',
    hostEvents: { childExit: 'crash' },
  },
  {
    since: '2023-06-13',
    commits: ['3efe0dc7d'],
    change:
      'with --disable-sandbox a clean exit of an untracked child is ignored',
    hostEvents: { cleanUntrackedChildIgnoredUnsandboxed: true },
  },
  {
    since: '2023-07-12',
    commits: ['9c8f53969'],
    change:
      'second null GDT entry: CS 0x10, data 0x18, TR 0x20; the IDT moves to 0x1528',
    loader: {
      bootIdtBase: 0x1528,
      bootCodeSelector: 0x10,
      bootDataSelector: 0x18,
      bootTaskSelector: 0x20,
    },
  },
  {
    since: '2024-04-17',
    commits: ['42ca575b7'],
    change: 'a bzImage without a 64-bit entry point is rejected',
    loader: { bzImage32: 'rejected' },
  },
  {
    since: '2024-07-26',
    commits: ['7c1ae621b'],
    change: 'a 32-bit bzImage starts in flat 32-bit protected mode',
    loader: { bzImage32: 'protected-mode' },
  },
  {
    since: '2024-09-20',
    commits: ['fe1d78a3a'],
    change: 'the boot identity map grows from 0-1 GiB to 0-4 GiB',
    loader: { identityMapGib: 4 },
  },
  {
    since: '2025-02-05',
    commits: ['73e2c746e'],
    change:
      'the entry check no longer accepts the first byte past the last PT_LOAD',
    loader: { entryRange: 'exclusive-end' },
  },
  {
    since: '2025-02-10',
    commits: ['83cc2e0e9'],
    change:
      'a kernel with a Multiboot v1 header loads as Multiboot before the ELF loader',
    loader: { multiboot: true },
  },
  {
    since: '2025-04-08',
    commits: ['4760a6325'],
    change: 'ELF32 kernels accepted, started in flat 32-bit protected mode',
    loader: { elf32: 'accepted' },
  },
  {
    since: '2025-08-14',
    commits: ['1656a1f68'],
    change: 'a vhost-user backend disconnect exits 33 instead of aborting',
    hostEvents: { vhostUserDisconnect: 'crash' },
  },
  {
    since: '2026-04-15',
    commits: ['36a161485'],
    change: 'a KVM_SYSTEM_EVENT_CRASH exits 34 instead of 0',
    unreachableExits: { kvmSystemEventCrash: 34 },
  },
];

function buildEras(): readonly Era[] {
  const eras: Era[] = [FIRST_ERA];
  for (const change of CHANGES) {
    const previous = eras[eras.length - 1] ?? FIRST_ERA;
    eras.push(applyEraChange(previous, change));
  }
  return eras;
}

/** Every era, oldest first. */
export const ERAS: readonly Era[] = buildEras();

/** The era of the newest crosvm commit read, the stub's default. */
export const NEWEST_ERA: Era = ERAS[ERAS.length - 1] ?? FIRST_ERA;

/** The first date any era covers: crosvm exits 1 on failure from this day. */
export const FIRST_ERA_DATE = FIRST_ERA.since;

/** Raised for an era date that is malformed or outside the covered range. */
export class EraDateError extends Error {
  override name = 'EraDateError';
}

/** Returns today's date in UTC as `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Checks that `date` is a real calendar date written `YYYY-MM-DD`, or throws `EraDateError`. */
export function checkDate(date: string): void {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? new Date(`${date}T00:00:00Z`)
    : undefined;
  const valid =
    parsed !== undefined &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().slice(0, 10) === date;
  if (!valid) {
    throw new EraDateError(
      `era date "${date}" is not a valid YYYY-MM-DD date; use e.g. 2022-06-23`,
    );
  }
}

/** Returns the era in force on `date` (`YYYY-MM-DD`), or throws `EraDateError`. */
export function eraForDate(date: string, today: string = todayUtc()): Era {
  checkDate(date);
  if (date < FIRST_ERA_DATE) {
    throw new EraDateError(
      `era date ${date} is before ${FIRST_ERA_DATE}, the first era the stub emulates; use a later date`,
    );
  }
  if (date > today) {
    throw new EraDateError(
      `era date ${date} is after today (${today}); use a date up to today`,
    );
  }
  const era = ERAS.findLast((candidate) => candidate.since <= date);
  if (era === undefined) throw new EraDateError(`no era covers ${date}`);
  return era;
}
