/** The public API of reports/: read a Report, write it in every format, diff, compare, waive, certify. */
export { loadReport, parseReport, ReportError, type ReportErrorKind } from './load.ts';
export { renderConsole, type ConsoleOptions } from './console.ts';
export { renderJunit, type JunitOptions } from './junit.ts';
export { renderHtml, type HtmlOptions } from './html.ts';
export { renderMarkdown, type MarkdownOptions } from './markdown.ts';
export { writeReports, REPORT_FILES, REPORT_FORMATS, type ReportFormat, type WrittenReports } from './write.ts';
export { diffReports, diffExitCode, renderDiff, type DiffEntry, type DiffExitMode, type ReportDiff } from './diff.ts';
export { compareReports, renderCompareHtml, renderCompareMarkdown, ABSENT, type CompareMatrix, type CompareRow } from './compare.ts';
export { applyWaivers, loadWaiverFile, parseWaiverFile, type Waiver, type WaiverFile, type WaiverOptions } from './waivers.ts';
export {
  buildCertificate, certificateEligibility, renderCertificateHtml, verifyCertificate,
  type Certificate, type CertificateOptions, type EligibilityOptions, type Grade, type Verification,
} from './certificate.ts';
export { exitMeaning } from './text.ts';
export { recordingDigest, rejudgeProblems, type RecordingRef } from './certificate-recording.ts';
