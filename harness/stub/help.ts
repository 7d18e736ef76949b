/** The stub's usage text, listing the flags of the emulated era and the stub's own controls. */
import type { Era } from '../crosvm/era-types.js';
import {
  HOST_EVENTS,
  HOST_EVENT_DESCRIPTIONS,
  HOST_EVENT_SIGNALS,
} from './host-events.js';

/** Builds the `--help` text for `era`. */
export function stubHelpText(era: Era): string {
  const { flags } = era;
  const top = [
    flags.extendedStatus ? '[--extended-status]' : '',
    flags.logLevel ? '[--log-level LEVEL]' : '',
    flags.noSyslog ? '[--no-syslog]' : '',
  ].filter((part) => part !== '');
  const runFlags = [
    '  --disable-sandbox        run every device in the main process',
    flags.mem === 'mib'
      ? '  -m, --mem N              guest RAM in MiB (default 256)'
      : '  -m, --mem N|size=N       guest RAM in MiB (default 256)',
    '  -c, --cpus N             number of vCPUs (default 1)',
    flags.serial === 'absent'
      ? ''
      : `  --serial type=stdout|sink|file|syslog,num=1-4,path=P,console${flags.serial === 'with-hardware' ? ',hardware=serial|virtio-console' : ''}`,
    '  -p, --params TEXT        kernel command line parameter (repeatable)',
    flags.noLegacy ? '  --no-legacy              no i8042 and no RTC' : '',
    flags.noI8042AndNoRtc
      ? '  --no-i8042, --no-rtc     no i8042 keyboard controller, no RTC'
      : '',
    '  -s, --socket PATH        control socket for `crosvm stop`',
  ].filter((line) => line !== '');
  const events = HOST_EVENTS.flatMap((event) => [
    `  ${HOST_EVENT_SIGNALS[event]} or request "host-event ${event}":`,
    `      ${HOST_EVENT_DESCRIPTIONS[event]}`,
  ]);
  return [
    `Usage: crosvm ${[...top, 'COMMAND'].join(' ')}`,
    '',
    'Commands:',
    '  run [OPTIONS] KERNEL     start a VM',
    '  stop SOCKET              stop the VM behind a control socket',
    ...(flags.version
      ? ['  version                  print the package version']
      : []),
    '',
    'run options:',
    ...runFlags,
    '',
    `This is crosvm-stub, a stand-in for crosvm emulating the contract of the era from ${era.since}`,
    `(${era.commits.join(', ')}). It does not execute guest code: it loads the kernel as that era's`,
    'x86_64 loader does, then plays back the behaviour the image declares in its intent ELF note.',
    'Select the era with CROSVM_STUB_ERA=YYYY-MM-DD or --stub-era YYYY-MM-DD (default: newest),',
    'or load one from JSON with CROSVM_STUB_ERA_FILE=PATH.',
    '',
    'Host events, sent as a signal to the stub or as a request line on its --socket:',
    ...events,
    '',
  ].join('\n');
}
