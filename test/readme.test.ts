/** The README keeps the two setup commands and lists every option of the options table. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { helpText, OPTIONS } from '../cli/options.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');

describe('README', () => {
  it('holds the two commands, and CI runs the same test command', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    expect(ci).toMatch(/^npm test$/m);
  });
  it('holds --help verbatim as its options block', () => {
    expect(readme).toContain(`\`\`\`\n${helpText()}\n\`\`\``);
  });
  it.each(OPTIONS.map((o) => [o.name, o.help]))('documents --%s', (name, help) => {
    expect(readme).toContain(`--${name}`);
    expect(readme).toContain(help.slice(0, 40));
  });
});
