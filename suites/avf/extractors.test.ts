import { describe, expect, test } from 'vitest';
import type { Node } from 'web-tree-sitter';
import {
  parseSource,
  type SourceLanguage,
} from '../../harness/avf/grammars.js';
import { extractHangupTimeouts } from '../../harness/avf/hangup.js';
import {
  extractJavaConstants,
  extractJavaTranslation,
} from '../../harness/avf/java.js';
import { extractMapping } from '../../harness/avf/mapping.js';
import { extractVmMessages } from '../../harness/avf/vm-messages.js';

async function rootOf(language: SourceLanguage, text: string): Promise<Node> {
  const result = await parseSource(language, text);
  if (result.kind !== 'parsed') {
    throw new Error(result.reason);
  }
  return result.tree.rootNode;
}

describe('parseSource', () => {
  test('reports the first syntax error', async () => {
    const result = await parseSource('java', 'class A {\n  int x = ;\n}\n');
    expect(result.kind).toBe('syntax-error');
    const reason = result.kind === 'syntax-error' ? result.reason : '';
    expect(reason).toMatch(/^java syntax error at line 2, column \d+: /);
  });
});

describe('extractMapping', () => {
  test('reads pipe split, trim, cap and arms', async () => {
    const root = await rootOf(
      'rust',
      `
      const CAP: usize = 0x400;
      /// Start error.
      #[allow(dead_code)]
      const CROSVM_START_ERROR_STATUS: i32 = 1;
      fn read(failure_pipe: File) -> String {
          let mut s = String::new();
          failure_pipe.take(CAP as u64).read_to_string(&mut s).ok();
          s
      }
      fn death_reason(result: &Result<ExitStatus, io::Error>, failure: &str) -> DeathReason {
          let failure = failure.trim();
          let failure = match failure.find('|') { Some(i) => &failure[..i], None => failure };
          match (result, failure) {
              (_, "HANGUP") => return DeathReason::HANGUP,
              _ => {}
          }
          match result {
              Err(_) => DeathReason::INFRASTRUCTURE_ERROR,
              Ok(status) => match status.code() {
                  None => DeathReason::KILLED,
                  Some(CROSVM_START_ERROR_STATUS) => DeathReason::START_FAILED,
                  Some(34i32) => DeathReason::CRASH,
                  Some(NOT_A_CONST) => DeathReason::REBOOT,
                  Some(_) => DeathReason::UNKNOWN,
              },
          }
      }`,
    );
    const extraction = extractMapping(root, 'crosvm.rs');
    expect(extraction.kind).toBe('found');
    if (extraction.kind !== 'found') return;
    const { mapping, notes } = extraction;
    expect(mapping.splitsAtPipe).toBe(true);
    expect(mapping.trims).toBe(true);
    expect(mapping.capBytes).toBe(1024);
    expect(mapping.readsFailure).toBe(true);
    expect(mapping.constants).toEqual([
      {
        name: 'CROSVM_START_ERROR_STATUS',
        value: 1,
        doc: 'Start error.',
        path: 'crosvm.rs',
        line: 5,
      },
    ]);
    expect(mapping.arms.map((arm) => [arm.kind, arm.reason])).toEqual([
      ['wait-failed', 'INFRASTRUCTURE_ERROR'],
      ['signal', 'KILLED'],
      ['exit-code', 'START_FAILED'],
      ['exit-code', 'CRASH'],
      ['other-code', 'UNKNOWN'],
    ]);
    // The tuple pattern (_, "HANGUP") is not one this extractor reads.
    expect(notes).toEqual([
      'crosvm.rs:15: arm pattern "(_, "HANGUP")" was not recognised',
      'crosvm.rs:24: arm names NOT_A_CONST, which is not a const here',
    ]);
  });

  test('no death_reason function', async () => {
    const root = await rootOf('rust', 'fn other() {}');
    expect(extractMapping(root, 'x.rs')).toEqual({ kind: 'no-function' });
  });
});

describe('extractJavaTranslation', () => {
  test('fall-through labels share the next constant', async () => {
    const root = await rootOf(
      'java',
      `class V {
        int t(int reason) {
          int result;
          switch (reason) {
            case DeathReason.KILLED:
            case android.system.virtualizationcommon.DeathReason.SHUTDOWN:
              result = VirtualMachineCallback.STOP_REASON_SHUTDOWN;
              break;
            default:
              result = STOP_REASON_UNKNOWN;
          }
          return result;
        }
      }`,
    );
    const translation = extractJavaTranslation(root, 'V.java');
    expect(translation?.cases.map((c) => [c.from, c.to])).toEqual([
      ['KILLED', 'STOP_REASON_SHUTDOWN'],
      ['SHUTDOWN', 'STOP_REASON_SHUTDOWN'],
    ]);
    expect(translation?.defaultTo).toBe('STOP_REASON_UNKNOWN');
  });

  test('switch on something else is ignored', async () => {
    const root = await rootOf(
      'java',
      'class V { int t(int r) { switch (r) { case 1: return 2; default: return 3; } } }',
    );
    expect(extractJavaTranslation(root, 'V.java')).toBeUndefined();
  });
});

describe('extractJavaConstants', () => {
  test('class fields, hex values and other names', async () => {
    const root = await rootOf(
      'java',
      `class C {
        /** Hex. */
        public static final int STOP_REASON_A = 0x10, STOP_REASON_B = -2;
        public static final int OTHER = 3;
        public static final long DEATH_REASON_LONG = 4;
        static final int STOP_REASON_EXPR = 1 + 2;
      }`,
    );
    expect(extractJavaConstants(root, 'C.java')).toEqual([
      {
        name: 'STOP_REASON_A',
        value: 16,
        doc: 'Hex.',
        path: 'C.java',
        line: 3,
      },
      {
        name: 'STOP_REASON_B',
        value: -2,
        doc: 'Hex.',
        path: 'C.java',
        line: 3,
      },
    ]);
  });
});

describe('extractVmMessages', () => {
  test('display style reads the client Display arms', async () => {
    const vm = await rootOf(
      'rust',
      'fn run(vm: &VmInstance) { let death_reason = vm.wait_for_death(); println!("{}", death_reason); }',
    );
    const client = await rootOf(
      'rust',
      `pub enum DeathReason { VirtualizationServiceDied, Shutdown, Crash, Unrecognised(AidlDeathReason) }
      impl From<AidlDeathReason> for DeathReason {
          fn from(reason: AidlDeathReason) -> Self {
              match reason {
                  AidlDeathReason::SHUTDOWN => Self::Shutdown,
                  AidlDeathReason::CRASH => Self::Crash,
                  _ => Self::Unrecognised(reason),
              }
          }
      }
      impl fmt::Display for DeathReason {
          fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
              let text = match self {
                  Self::VirtualizationServiceDied => "VirtualizationService died.",
                  Self::Shutdown => "VM shutdown cleanly.",
                  Self::Crash => "VM crashed.",
                  Self::Unrecognised(reason) => {
                      return write!(f, "Unrecognised death reason {:?}.", reason);
                  }
              };
              f.write_str(text)
          }
      }`,
    );
    const messages = extractVmMessages(
      { root: vm, path: 'vm/src/run.rs' },
      { root: client, path: 'vmclient/src/death_reason.rs' },
    );
    expect(messages?.style).toBe('display');
    expect(Object.fromEntries(messages?.messages ?? [])).toEqual({
      SHUTDOWN: 'VM shutdown cleanly.',
      CRASH: 'VM crashed.',
    });
    expect(messages?.fallback).toBe(
      'Unrecognised death reason DeathReason({value}).',
    );
    expect(messages?.serviceDied).toEqual({
      text: 'VirtualizationService died.',
      stream: 'stdout',
    });
    expect(messages?.paths).toEqual([
      'vm/src/run.rs',
      'vmclient/src/death_reason.rs',
    ]);
  });

  test('no print of the reason gives nothing', async () => {
    const vm = await rootOf('rust', 'fn run() { println!("hello"); }');
    expect(
      extractVmMessages({ root: vm, path: 'run.rs' }, undefined),
    ).toBeUndefined();
  });
});

describe('extractHangupTimeouts', () => {
  test.each([
    [
      'const BOOT_HANGUP_TIMEOUT: Duration = Duration::from_secs(10);',
      { normal: 10 },
    ],
    [
      'const BOOT_HANGUP_TIMEOUT: Duration = Duration::from_secs(10);\nconst BOOT_HANGUP_TIMEOUT_NESTED: Duration = Duration::from_secs(100);',
      { normal: 10, nested: 100 },
    ],
    [
      'static BOOT_HANGUP_TIMEOUT: Lazy<Duration> = Lazy::new(|| if nested() { Duration::from_secs(300) } else { Duration::from_secs(60) });',
      { normal: 60, nested: 300 },
    ],
    ['const OTHER_TIMEOUT: Duration = Duration::from_secs(5);', undefined],
  ])('reads %s', async (text, expected) => {
    expect(extractHangupTimeouts(await rootOf('rust', text))).toEqual(expected);
  });
});
