import { stat } from 'node:fs/promises';
import type { Profile } from '../model/profile.js';
import { PROFILES, findProfile } from '../model/profiles.js';
import { numberingFindings, numberingProfile } from './baseline.js';
import { checkConsistency } from './consistency.js';
import { NEWEST_CROSVM_EXIT_CODES } from './crosvm-codes.js';
import { extractTree } from './extract.js';
import {
  FAILING_SEVERITIES,
  formatFinding,
  mergeFindings,
  type Finding,
} from './findings.js';
import { diffTreeAgainstProfile } from './profile-diff.js';
import type { AvfTreeModel } from './tree-model.js';

/** Options of `checkAvfTree`; every field is optional. */
export interface AvfCheckOptions {
  /** Compare the tree with this profile instead of the closest one. */
  readonly profile?: string;
  /** Report numbering changes against this profile. */
  readonly baselineProfile?: string;
  /** Report numbering changes against the AVF checkout at this path. */
  readonly baselineTree?: string;
}

/** The profile a tree was compared with, and how well the tree fits it. */
export interface ProfileMatch {
  readonly profile: string;
  /** `matched`: no difference; `closest`: the fewest differences; `requested`: `--profile`. */
  readonly kind: 'matched' | 'closest' | 'requested';
  readonly differences: number;
  /** Other profiles with the same number of differences, oldest first. */
  readonly ties: readonly string[];
}

export interface AvfCheckResult {
  readonly tree: string;
  readonly match: ProfileMatch;
  /** Most severe first, one per subject. */
  readonly findings: readonly Finding[];
  /** True when a finding has a severity in `FAILING_SEVERITIES`. */
  readonly failed: boolean;
}

/** Raised for a tree path that does not exist or is not a directory. */
export class AvfTreeError extends Error {
  override name = 'AvfTreeError';
}

async function extractDirectory(
  path: string,
  role: string,
): Promise<AvfTreeModel> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new AvfTreeError(
      `${role} "${path}" is not a directory; pass the root of an AVF checkout (packages/modules/Virtualization)`,
    );
  }
  return extractTree(path);
}

/**
 * Picks the profile with the fewest differences; ties go to the newest, the rest are listed.
 * NOTE: the hangup mode (HANGUP used always, or only when the failure pipe is empty) is not
 * extracted, so avf-2022-06-23 and avf-2022-07-14, which differ only there, tie.
 */
function closestProfile(tree: AvfTreeModel): {
  profile: Profile;
  diffs: Finding[];
  ties: string[];
} {
  const scored = PROFILES.map((profile) => ({
    profile,
    diffs: diffTreeAgainstProfile(tree, profile),
  }));
  const fewest = Math.min(...scored.map((entry) => entry.diffs.length));
  const best = scored.filter((entry) => entry.diffs.length === fewest);
  const chosen = best[best.length - 1] ?? scored[0];
  if (chosen === undefined) {
    throw new Error('PROFILES is empty');
  }
  const ties = best.slice(0, -1).map((entry) => entry.profile.name);
  return { profile: chosen.profile, diffs: chosen.diffs, ties };
}

/** Notes on the newest crosvm exit codes that the tree's mapping sends to UNKNOWN. */
function unknownExitCodes(tree: AvfTreeModel, profile: Profile): Finding[] {
  const findings: Finding[] = [];
  for (const { code, variant, meaning } of NEWEST_CROSVM_EXIT_CODES) {
    let reason: string;
    if (tree.mapping.kind === 'found') {
      const arms = tree.mapping.value.arms;
      const arm = arms.find(
        (candidate) =>
          candidate.kind === 'exit-code' && candidate.code === code,
      );
      reason =
        arm?.reason ??
        arms.find((candidate) => candidate.kind === 'other-code')?.reason ??
        'UNKNOWN';
    } else {
      const constant = profile.statusConstants.find(
        (candidate) => candidate.code === code,
      );
      reason = code === 0 ? 'SHUTDOWN' : (constant?.reason ?? 'UNKNOWN');
    }
    if (reason === 'UNKNOWN') {
      findings.push({
        severity: 'note',
        subject: `crosvm:${code}`,
        message: `crosvm exit ${code} (${variant}: ${meaning}) gives UNKNOWN`,
      });
    }
  }
  return findings;
}

/**
 * Checks the AVF checkout at `treePath`: extracts the four DeathReason places, compares them with
 * the closest (or requested) profile and with each other, and lists numbering changes against a
 * baseline. Throws `AvfTreeError` for a path that is not a directory and `UnknownProfileError`
 * for an unknown profile name; unreadable or unparsable files become `problem` findings.
 */
export async function checkAvfTree(
  treePath: string,
  options: AvfCheckOptions = {},
): Promise<AvfCheckResult> {
  const requested =
    options.profile === undefined ? undefined : findProfile(options.profile);
  const baselineProfile =
    options.baselineProfile === undefined
      ? undefined
      : findProfile(options.baselineProfile);
  const tree = await extractDirectory(treePath, 'AVF tree');
  const baselineTree =
    options.baselineTree === undefined
      ? undefined
      : await extractDirectory(options.baselineTree, 'baseline AVF tree');

  let match: ProfileMatch;
  let profile: Profile;
  let diffs: Finding[];
  if (requested === undefined) {
    const closest = closestProfile(tree);
    ({ profile, diffs } = closest);
    match = {
      profile: profile.name,
      kind: diffs.length === 0 ? 'matched' : 'closest',
      differences: diffs.length,
      ties: closest.ties,
    };
  } else {
    profile = requested;
    diffs = diffTreeAgainstProfile(tree, profile);
    match = {
      profile: profile.name,
      kind: 'requested',
      differences: diffs.length,
      ties: [],
    };
  }

  const findings: Finding[] = [
    ...tree.problems.map((problem): Finding => ({
      severity: 'problem',
      subject: `file:${problem.path}`,
      message: `${problem.path}: ${problem.reason}; the check went on without it`,
    })),
    ...checkConsistency(tree),
    ...diffs,
    ...unknownExitCodes(tree, profile),
    ...tree.notes.map((note): Finding => ({
      severity: 'note',
      subject: `locate:${note}`,
      message: note,
    })),
  ];
  const current = numberingProfile(tree, profile, `tree ${treePath}`);
  if (baselineProfile !== undefined) {
    findings.push(...numberingFindings(baselineProfile, current));
  }
  if (baselineTree !== undefined) {
    const baselineName = `baseline tree ${options.baselineTree ?? ''}`;
    findings.push(
      ...baselineTree.problems.map((problem): Finding => ({
        severity: 'problem',
        subject: `baseline-file:${problem.path}`,
        message: `baseline tree ${problem.path}: ${problem.reason}; the check went on without it`,
      })),
      ...numberingFindings(
        numberingProfile(baselineTree, profile, baselineName),
        current,
      ),
    );
  }
  const merged = mergeFindings(findings);
  const failed = merged.some((finding) =>
    FAILING_SEVERITIES.has(finding.severity),
  );
  return { tree: treePath, match, findings: merged, failed };
}

/** Formats the first output line: the profile the tree was compared with and how well it fits. */
export function formatMatch(match: ProfileMatch): string {
  const ties =
    match.ties.length === 0 ? '' : `; equally close: ${match.ties.join(', ')}`;
  switch (match.kind) {
    case 'matched':
      return `profile ${match.profile}: matches${ties}`;
    case 'closest':
      return `profile ${match.profile}: closest, ${match.differences} difference(s)${ties}`;
    case 'requested':
      return `profile ${match.profile}: requested, ${match.differences} difference(s)`;
  }
}

/**
 * Runs `checkAvfTree` and returns its output as lines for a run report: the profile line first,
 * then one line per finding.
 */
export async function avfFindings(
  treePath: string,
  options: AvfCheckOptions = {},
): Promise<string[]> {
  const result = await checkAvfTree(treePath, options);
  return [formatMatch(result.match), ...result.findings.map(formatFinding)];
}
