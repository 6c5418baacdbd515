/** The inline stylesheet and verdict colours of the HTML reports (no external fonts, images or URLs). */
import type { Verdict } from '../properties/types.ts';
import { VERDICT_ORDER } from './text.ts';

export const VERDICT_COLOR: Record<Verdict, string> = {
  pass: '#2e7d32', fail: '#c62828', 'non-strict': '#ef6c00', info: '#0277bd',
  inconclusive: '#6a1b9a', 'expected-fail': '#546e7a', error: '#ad1457',
};

const BASE_CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 24px 48px; color: #1d2330; background: #fafbfc; }
h1 { font-size: 22px; margin: 20px 0 6px; }
h2 { font-size: 16px; margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
header dt { color: #5b6475; }
header dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
.exit { display: inline-block; padding: 6px 12px; border-radius: 6px; font-weight: 600; color: #fff; margin: 6px 0 10px; }
.exit.ok { background: #2e7d32; } .exit.bad { background: #c62828; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; margin: 1px 4px 1px 0; white-space: nowrap; }
.level { display: inline-block; padding: 0 6px; border: 1px solid #8a93a6; border-radius: 4px; font-size: 11px; margin-left: 8px; vertical-align: 2px; }
section.rule { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 12px 14px; margin: 14px 0; }
section.rule p { margin: 4px 0 8px; color: #3c4457; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-top: 1px solid #e6e9ef; padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { font-size: 12px; color: #5b6475; font-weight: 600; }
col.c-verdict { width: 96px; } col.c-case { width: 17%; } col.c-replay { width: 16%; }
pre, code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; }
code.replay { display: block; background: #f1f3f7; padding: 4px 6px; border-radius: 4px; white-space: pre-wrap; word-break: break-all; }
.muted { color: #6b7386; font-size: 12px; }
.run-profile { font-weight: 600; }
ul.failures { margin: 0; padding-left: 16px; }
.chart { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 8px; margin: 10px 0; max-width: 100%; }
`;

/** Collapsed cases, the toolbar, groups and contents; content-visibility keeps thousands of cases fast. */
const CASE_CSS = `
details.case { border-top: 1px solid #e6e9ef; padding: 4px 2px; content-visibility: auto; contain-intrinsic-size: auto 30px; scroll-margin-top: 96px; }
section.rule, section.groups li { scroll-margin-top: 96px; }
details.case > summary { cursor: pointer; list-style-position: inside; }
details.case[open] { background: #fcfcfe; }
details.case .title { font-weight: 500; }
code.cid { color: #5b6475; font-size: 11px; }
a.anchor { color: #8a93a6; text-decoration: none; margin-left: 4px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 10px 16px; padding: 8px 4px; }
.grid .cell { min-width: 0; }
.grid h4 { margin: 0 0 4px; font-size: 12px; color: #5b6475; text-transform: uppercase; letter-spacing: .04em; }
pre.body { background: #f6f8fa; padding: 6px 8px; border-radius: 4px; max-height: 420px; overflow: auto; }
mark { background: #ffe08a; }
strong.diff { color: #c62828; text-decoration: underline wavy #c62828; }
.toolbar { position: sticky; top: 0; z-index: 2; background: #fafbfc; padding: 8px 0; border-bottom: 1px solid #dde1e8; display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; }
.toolbar input[type=search] { flex: 1 1 320px; padding: 5px 8px; font: inherit; }
.toolbar select, .toolbar button { font: inherit; font-size: 12px; }
section.groups, nav.toc { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 10px 14px; margin: 14px 0; }
section.groups ol { margin: 6px 0; padding-left: 4px; list-style: none; } section.groups li { margin: 3px 0; }
section.groups .links { font-size: 11px; padding: 4px 0 4px 18px; word-break: break-all; }
nav.toc ul { margin: 4px 0 8px; padding-left: 20px; columns: 2 320px; } nav.toc li { break-inside: avoid; }
h2 a { color: inherit; text-decoration: none; }
[hidden] { display: none !important; }
`;

function badgeCss(): string {
  return VERDICT_ORDER.map((v) => `.b-${v} { background: ${VERDICT_COLOR[v]}; }`).join('\n');
}

export function stylesheet(): string {
  return `<style>${BASE_CSS}\n${CASE_CSS}\n${badgeCss()}\n</style>`;
}
