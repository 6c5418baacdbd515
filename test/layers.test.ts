/** The layering of design.md: properties/ is pure, spec/ is data + loader, reports/ never touches the network. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const FORBIDDEN: Record<string, RegExp> = {
  properties: /^(node:(fs|http|https|net|child_process)|@aws-sdk|@smithy|nock|\.\.\/(engine|reports|reference|cli))/,
  spec: /^(node:(http|https|net|child_process)|@aws-sdk|@smithy|nock|\.\.\/(engine|reports|reference|properties|cli))/,
  reports: /^(node:(http|https|net)|@aws-sdk|@smithy|nock|\.\.\/(reference|cli))/,
};

describe('layers', () => {
  for (const [dir, bad] of Object.entries(FORBIDDEN)) {
    it(`${dir}/ imports nothing from a higher layer or the network`, () => {
      const offending = files(dir).flatMap((f) => imports(f).filter((i) => bad.test(i.replace(/^(\.\.\/)+/, '../'))).map((i) => `${f}: ${i}`));
      expect(offending).toEqual([]);
    });
  }
  it('no limit of the model is written outside spec/', () => {
    const limits = /\b(10000|10001|140|141)\b/;
    const offending = ['properties', 'engine', 'reference', 'reports', 'cli'].flatMap(files)
      .filter((f) => !f.startsWith('engine/provision'))
      .filter((f) => readFileSync(join(root, f), 'utf8').split('\n').some((l) => limits.test(l) && !l.trim().startsWith('//') && !l.trim().startsWith('*')));
    expect(offending).toEqual([]);
  });
});
