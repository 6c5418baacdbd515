/**
 * The one exit line every output states (console, summary.md, junit.xml, report.html; report.json holds
 * the code and the `gate` it came from): the exit code the process returns, and why. Waivers applied
 * (how many cases, which rules), an expired waiver as the cause of the cases it no longer covers, and in
 * baseline mode with --fail-on new-failures, the new failures only.
 */
import type { CaseResult, Report } from '../engine/report-types.ts';
import { strictParityMismatches } from '../engine/summary.ts';

type ExitFacts = Pick<Report, 'exitCode' | 'counts'> & Partial<Pick<Report, 'leaks' | 'incomplete' | 'interrupted' | 'cases' | 'gate' | 'parity'>>;

/** At most LISTED names on the exit line (a moto run waives about 80 rules): the rest counted, every one in the report. */
const LISTED = 8;
const list = (xs: string[]): string => {
  const all = [...new Set(xs)].sort();
  return all.length <= LISTED ? all.join(', ') : `${all.slice(0, LISTED).join(', ')} and ${all.length - LISTED} more`;
};

/** What the exit line says about waivers, gathered case by case (a streamed writer does not look back at its cases). */
export class WaiverTally {
  private waived = 0;
  private readonly waivedRules = new Set<string>();
  private expiredCases = 0;
  private readonly expired = new Set<string>();

  static of(cases: Iterable<CaseResult>): WaiverTally {
    const t = new WaiverTally();
    for (const c of cases) t.add(c);
    return t;
  }

  add(c: CaseResult): void {
    if (c.verdict === 'expected-fail') {
      this.waived += 1;
      const rules = c.failures.filter((f) => f.verdict === 'fail' || f.verdict === 'non-strict').map((f) => f.rule);
      for (const r of rules.length ? rules : [c.rule]) this.waivedRules.add(r);
    }
    const expired = c.failures.filter((f) => f.code === 'waiver-expired');
    if (expired.length) this.expiredCases += 1;
    for (const f of expired) this.expired.add(`${f.rule} until ${String(f.args.expires)}`);
  }

  /** "; 3 case(s) waived as expected-fail (rules A, B); 2 case(s) fail because a waiver expired (C until 2026-01-01)" */
  notes(): string {
    return [
      this.waived ? `; ${this.waived} case(s) waived as expected-fail (rules ${list([...this.waivedRules])})` : '',
      this.expiredCases ? `; ${this.expiredCases} case(s) fail because a waiver expired (${list([...this.expired])})` : '',
    ].join('');
  }
}

function leftBehind(r: ExitFacts): string {
  const n = r.leaks?.length ?? 0;
  return n ? `, ${n} resource(s) left behind` : '';
}

function parityPart(r: ExitFacts): string {
  const n = strictParityMismatches(r.parity);
  return n ? `, ${n} parity mismatch(es) under --strict-parity` : '';
}

function baselineLine(r: ExitFacts): string | undefined {
  const b = r.gate?.baseline;
  if (!b || b.mode !== 'new-failures' || (r.exitCode !== 0 && r.exitCode !== 1)) return undefined;
  if (r.exitCode === 0) return `exit 0: no new failure against the baseline (failing on new failures only; ${b.failing} case(s) fail, each failed in the baseline too)`;
  return `exit 1: ${b.newFailures} new failure(s) against the baseline (failing on new failures only; ${b.failing} case(s) fail in all${leftBehind(r)})`;
}

function plainLine(r: ExitFacts): string {
  const leaks = r.leaks?.length ?? 0;
  switch (r.exitCode) {
    case 0: return 'exit 0: conformant (no case failed)';
    case 1:
      if (r.gate?.certify && (r.counts.fail ?? 0) === 0 && leaks === 0 && !strictParityMismatches(r.parity)) return `exit 1: ${r.gate.certify}`;
      return `exit 1: not conformant (${r.counts.fail ?? 0} case(s) failed${parityPart(r)}${leftBehind(r)})${r.incomplete ? `; also incomplete: ${r.incomplete}` : ''}`;
    case 2: return 'exit 2: usage or configuration error';
    case 3:
      if (r.interrupted) return `exit 3: ${r.interrupted} (${r.counts.fail ?? 0} case(s) failed so far)${leaks ? `; ${leaks} resource(s) left behind` : ''}`;
      return r.incomplete ? `exit 3: incomplete run: ${r.incomplete}${leaks ? `; ${leaks} resource(s) left behind` : ''}` : 'exit 3: target unreachable or setup failed';
    default: return `exit ${r.exitCode}`;
  }
}

/** What the report's exit code means, in one line; `waivers` from the report's cases unless given. */
export function exitMeaning(report: ExitFacts, waivers: WaiverTally = WaiverTally.of(report.cases ?? [])): string {
  return `${baselineLine(report) ?? plainLine(report)}${waivers.notes()}`;
}

/** The headline word of a report: what its exit code says about the target. */
export function exitHeadline(r: ExitFacts): string {
  if (r.interrupted) return 'interrupted';
  if (r.exitCode === 0) return (r.counts.fail ?? 0) > 0 ? 'no new failures against the baseline' : 'conformant';
  if (r.exitCode === 3) return 'incomplete';
  return 'not conformant';
}
