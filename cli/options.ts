/** Every command-line option, declared once: this table feeds the parser, --help and the README. */
import { DEFAULT_RUNS, DEFAULT_SEED } from '../properties/plan.ts';

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  arg?: string;
  multiple?: boolean;
  default?: string;
  choices?: string[];
  /** A one-letter alias (-h). */
  short?: string;
  help: string;
}

export const OPTIONS: OptionSpec[] = [
  { name: 'edition', type: 'string', arg: 'NAME', default: 'aws', help: 'model edition to check (spec/editions: aws = today\'s official model, seed = the seed page, or an edition name; see editions list)' },
  { name: 'endpoint', type: 'string', arg: 'URL', help: 'target endpoint (default: the embedded reference target on a free loopback port)' },
  { name: 'region', type: 'string', arg: 'REGION', help: "region to sign for and to expect in ARNs (default: AWS_REGION, AWS_DEFAULT_REGION, the credential profile's region, else us-east-1)" },
  { name: 'expect', type: 'string', arg: 'SET', choices: ['aws', 'seed'], help: 'expectations: aws (the live service, the default) or seed (the seed page as written)' },
  { name: 'profile', type: 'string', arg: 'SET', help: 'deprecated name of --expect (an AWS credential profile is --aws-profile)' },
  { name: 'aws-profile', type: 'string', arg: 'NAME', help: "AWS credential profile for credentials and its region (default: AWS_PROFILE)" },
  { name: 'config', type: 'string', arg: 'FILE', help: 'read options from this JSON file (default: esm-conformance.config.json in the working directory, if there)' },
  { name: 'function-name', type: 'string', arg: 'NAME', help: 'an existing function on the target (with a published version and an alias); several comma-separated give more lanes' },
  { name: 'function-version', type: 'string', arg: 'N', help: 'a published version of that function (default: looked up with ListVersionsByFunction)' },
  { name: 'function-alias', type: 'string', arg: 'NAME', help: 'an alias of that function (default: looked up with ListAliases)' },
  { name: 'other-function-name', type: 'string', arg: 'NAME', help: 'a second existing function on the target, for the case that maps two functions to one stream (without it that case is not run)' },
  { name: 'source', type: 'string', arg: 'KIND=ARN', multiple: true, help: 'an existing event source of another kind on the target (sqs, sqs-fifo, msk, mq, documentdb: its ARN; self-managed-kafka: host:port); repeat per kind' },
  { name: 'kinesis-stream-arn', type: 'string', arg: 'ARN', help: 'an existing Kinesis stream on the target' },
  { name: 'dynamodb-stream-arn', type: 'string', arg: 'ARN', help: 'an existing DynamoDB stream on the target' },
  { name: 'provision', type: 'boolean', help: 'create the function, streams and role through the AWS APIs, and delete them afterwards' },
  { name: 'allow-real-aws', type: 'boolean', help: 'confirm that --provision may create (billable) resources on a non-loopback endpoint' },
  { name: 'seed', type: 'string', arg: 'N', default: String(DEFAULT_SEED), help: 'seed of the random cases' },
  { name: 'runs', type: 'string', arg: 'N', default: String(DEFAULT_RUNS), help: 'random cases per generator family' },
  { name: 'only', type: 'string', arg: 'RULES', multiple: true, help: 'run only rules matching these ids (wildcards * and ?; repeat or comma-separate)' },
  { name: 'skip', type: 'string', arg: 'RULES', multiple: true, help: 'skip rules matching these ids (wildcards * and ?)' },
  { name: 'case', type: 'string', arg: 'ID', multiple: true, help: 'run only this case id (as printed in a replay command)' },
  { name: 'path', type: 'string', arg: 'FAMILY:PATH', multiple: true, help: 'run only the random case at this fast-check path, with --seed (as a shrunk failure prints)' },
  { name: 'no-shrink', type: 'boolean', help: 'do not shrink failed random cases against the target' },
  { name: 'concurrency', type: 'string', arg: 'N', default: '4', help: 'requests in flight at once' },
  { name: 'lanes', type: 'string', arg: 'N', help: 'at most N (function, source) pairs create mappings at once (default: every pair the resources give)' },
  { name: 'shard', type: 'string', arg: 'I/N', help: 'run only shard I of N (cases split by id, the same on every machine); `merge` joins the reports' },
  { name: 'latency', type: 'string', arg: 'MODE', choices: ['none', 'aws'], default: 'none', help: 'embedded target only: aws = Creating/Deleting delays and a request rate as AWS has (see README)' },
  { name: 'latency-scale', type: 'string', arg: 'F', default: '1', help: 'with --latency aws: multiply its delays by F (and divide its rate by F); 0.01 for a fast rehearsal' },
  { name: 'timeout', type: 'string', arg: 'MS', default: '15000', help: 'timeout of one request, in milliseconds' },
  { name: 'max-attempts', type: 'string', arg: 'N', default: '3', help: 'attempts per request on 429, 5xx or network errors (honours Retry-After)' },
  { name: 'strict-parity', type: 'boolean', help: 'a mismatch with the values AWS was recorded answering (the parity score) makes the run exit 1' },
  { name: 'no-sdk', type: 'boolean', help: 'do not also send valid cases through @aws-sdk/client-lambda' },
  { name: 'sdk-pass', type: 'string', arg: 'MODE', default: 'auto', choices: ['auto', 'separate', 'combined'], help: 'separate: valid cases raw, then again through the SDK; combined: once, by the SDK, its exact exchange judged; auto: combined where creates are slow (non-loopback, --latency aws)' },
  { name: 'out', type: 'string', arg: 'DIR', default: 'results', help: 'folder for report.json, junit.xml, report.html, summary.md (-: report.json on stdout, no files, the console on stderr)' },
  { name: 'format', type: 'string', arg: 'LIST', default: 'json,junit,html,markdown,console', help: 'writers to run: json, junit, html, markdown, console (editions diff: text, markdown or json; default text)' },
  { name: 'waivers', type: 'string', arg: 'FILE', help: 'known deviations of this target (fixtures/targets/*.json format): waived fails become expected-fail' },
  { name: 'target-label', type: 'string', arg: 'NAME', help: 'name of the target in reports and waivers (default: embedded, or the endpoint host)' },
  { name: 'baseline', type: 'string', arg: 'FILE', help: 'a previous report.json: list new failures, fixes and changed verdicts' },
  { name: 'fail-on', type: 'string', arg: 'MODE', default: 'any-fail', choices: ['any-fail', 'new-failures'], help: 'with --baseline: exit 1 on any fail, or only on new failures' },
  { name: 'certify', type: 'boolean', help: 'run the complete fixed case set and write certificate.json and certificate.html' },
  { name: 'deviation', type: 'string', arg: 'NAME', help: 'embedded target only: start the reference with one named deviation (see reference/deviations.ts)' },
  { name: 'port', type: 'string', arg: 'N', default: '0', help: 'serve: port of the stand-alone reference target' },
  { name: 'ledger', type: 'string', arg: 'DIR', default: '.esm-ledger', help: 'folder of the resource ledger (--provision, cleanup)' },
  { name: 'record', type: 'string', arg: 'DIR', help: 'save every request of the cases and its answer to DIR (no credentials or signatures), for --replay' },
  { name: 'mask-account', type: 'boolean', help: "write the target's 12-digit account id as 000000000000 in every output: reports, console, recording" },
  { name: 'keep-resources', type: 'boolean', help: '--provision: keep the created resources after the run, to reproduce a case (delete them later with cleanup)' },
  { name: 'recording', type: 'string', arg: 'DIR', help: 'verify: re-judge the recorded exchanges in DIR (--record of the certified run) against the certificate' },
  { name: 'replay', type: 'string', arg: 'DIR', help: 'run the recorded cases offline, answered from the recording in DIR (no network, nothing created)' },
  { name: 'forget', type: 'string', arg: 'RUNID', help: "cleanup: drop a run's ledger entries without deleting anything (its resources are gone by other means)" },
  { name: 'name', type: 'string', arg: 'NAME', help: 'import-model: name of the new edition (default aws-<date of the file>; a trailing YYYY-MM-DD is its model date)' },
  { name: 'editions-dir', type: 'string', arg: 'DIR', help: 'import-model, editions: folder of the editions and their index.json (default spec/editions)' },
  { name: 'list', type: 'boolean', help: 'list every rule with its level, seed section and expected outcome per profile' },
  { name: 'quiet', type: 'boolean', help: 'console: the summary and the failure groups only' },
  { name: 'verbose', type: 'boolean', help: 'console: every failing case in full, and one line per other case' },
  { name: 'max-failures', type: 'string', arg: 'N', default: '5', help: 'console: show the first N failure groups in full, the others one line each (0: all in full)' },
  { name: 'json', type: 'boolean', help: '--list, diff, verify: machine-readable JSON on stdout' },
  { name: 'no-color', type: 'boolean', help: 'no colours in console output (also NO_COLOR; FORCE_COLOR forces them)' },
  { name: 'version', type: 'boolean', help: 'print the suite version' },
  { name: 'help', type: 'boolean', short: 'h', help: 'this help' },
];

export const COMMANDS: Array<[string, string]> = [
  ['run', 'check a target (the default command)'],
  ['serve', 'run the embedded reference target on its own (--port N), as a local mock'],
  ['cleanup', 'delete what interrupted --provision runs left behind (from the ledger)'],
  ['diff BASELINE CURRENT', 'compare two report.json files: new failures, fixes, changed verdicts'],
  ['compare REPORT...', 'a case-by-target matrix of several report.json files (label=FILE to name them)'],
  ['verify CERTIFICATE REPORT', 'check a certificate against its report (--recording DIR: and against the recorded answers)'],
  ['import-model PATH', "import botocore's lambda service-2.json[.gz] as a model edition (spec/editions/)"],
  ['editions list', 'the model editions, their aliases (aws: the newest botocore model; seed) and digests'],
  ['editions diff A B', 'every changed constraint and member between two editions (--format text|markdown|json)'],
  ['merge REPORT...', 'join the report.json files of the shards of one run (--shard) into one, written to --out'],
];

/** --help, with the usage line in the form the suite was started (`npx esm-conformance`, `npm start --`...). */
export function helpText(invokedAs = 'esm-conformance'): string {
  const lines = [`Usage: ${invokedAs} [command] [options]`, '', 'Commands:'];
  for (const [c, h] of COMMANDS) lines.push(`  ${c.padEnd(28)}${h}`);
  lines.push('', 'Options:');
  for (const o of OPTIONS) {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.arg ? ` ${o.arg}` : ''}`;
    const extra = [o.choices ? `one of ${o.choices.join('|')}` : '', o.default !== undefined ? `default ${o.default}` : ''].filter(Boolean).join('; ');
    lines.push(`  ${flag.padEnd(28)}${o.help}${extra ? ` (${extra})` : ''}`);
  }
  lines.push('', 'Exit codes: 0 conformant, 1 any fail, 2 usage or configuration error, 3 target unreachable or setup failed.');
  return lines.join('\n');
}
