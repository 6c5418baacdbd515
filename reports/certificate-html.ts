/** A certificate as ONE self-contained HTML page (inline CSS, no script, no external URL). */
import type { Certificate, Grade } from './certificate.ts';
import { html } from './escape.ts';
import { VERDICT_COLOR } from './html-style.ts';
import { VERDICT_ORDER } from './text.ts';

const GRADE_COLOR: Record<Grade, string> = {
  conformant: '#2e7d32',
  'conformant-with-should-deviations': '#ef6c00',
  'not-conformant': '#c62828',
  incomplete: '#546e7a',
};

const CSS = `body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:32px auto;padding:0 24px;color:#1d2330}
h1{font-size:24px;margin:0 0 4px}.sub{color:#5b6475;margin:0 0 18px}
.grade{display:inline-block;color:#fff;font-weight:700;font-size:20px;padding:8px 18px;border-radius:8px;margin:8px 0 16px}
table{border-collapse:collapse;margin:8px 0 18px}th,td{border:1px solid #dde1e8;padding:4px 10px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}th.v{color:#fff}
dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px}dt{color:#5b6475}dd{margin:0;word-break:break-all}
code{font:13px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}`;

function facts(cert: Certificate): string {
  const t = cert.target;
  const r = cert.run;
  const rows: Array<[string, string]> = [
    ['Target', `${t.label ? `${t.label} ` : ''}${t.endpoint} (${t.kind}, ${t.region})`],
    ['Profile', cert.profile],
    ['Suite', `${cert.suite.name} ${cert.suite.version}`],
    ['Model', cert.edition ? `edition ${cert.edition.name} (sha256 ${cert.edition.sha256})` : cert.modelVersion],
    ['Run', `${r.runId}, seed ${r.seed}, ${r.runs} random runs, exit ${r.exitCode}`],
    ['Run time', `${r.startedAt} to ${r.finishedAt}`],
    ['Issued', cert.date],
    ['Cases', String(cert.cases)],
    ['What it proves', cert.attestation ?? 'self-attested run'],
    ['Recording', cert.recording ? `${cert.recording.digest} (${cert.recording.cases} cases; check with verify --recording DIR)` : 'none (certified without --record: the verdicts cannot be re-judged)'],
  ];
  return `<dl>${rows.map(([k, v]) => `<dt>${html(k)}</dt><dd>${html(v)}</dd>`).join('')}</dl>`;
}

function countsTable(cert: Certificate): string {
  const head = VERDICT_ORDER.map((v) => `<th class="v" style="background:${VERDICT_COLOR[v]}">${html(v)}</th>`).join('');
  const rows = (['MUST', 'SHOULD'] as const).map((level) =>
    `<tr><th>${level}</th>${VERDICT_ORDER.map((v) => `<td class="n">${cert.counts[level][v]}</td>`).join('')}</tr>`);
  return `<table><thead><tr><th>Level</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderCertificateHtml(cert: Certificate): string {
  const reasons = cert.gradeReasons.length > 0 ? `<ul>${cert.gradeReasons.map((r) => `<li>${html(r)}</li>`).join('')}</ul>` : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${html(`Conformance certificate: ${cert.target.label ?? cert.target.endpoint}`)}</title>`,
    `<style>${CSS}</style></head><body>`,
    '<h1>CreateEventSourceMapping conformance certificate</h1>',
    `<p class="sub">Certificate format ${html(cert.certificateVersion)}: what one run of the suite showed about one target.</p>`,
    `<div class="grade" style="background:${GRADE_COLOR[cert.grade]}">${html(cert.grade)}</div>${reasons}`,
    facts(cert),
    `<p>Parity with AWS's recorded values: <strong>${cert.parity.score}%</strong> (${cert.parity.matched} of ${cert.parity.checked} checks matched${cert.parity.strict ? '; strict: mismatches count against the grade' : '; scored apart from the grade'})</p>`,
    '<h2>Cases by level and verdict</h2>',
    countsTable(cert),
    `<p>Digest: <code>${html(cert.digest)}</code></p>`,
    '<p class="sub">Check it against its report with the suite\'s certificate verification; the digest detects changes, it is not a signature.</p>',
    '</body></html>',
    '',
  ].join('\n');
}
