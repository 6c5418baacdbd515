/** The installed botocore's Lambda model, if there is one (python3 -c "import botocore"), else undefined. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function installedLambdaModel(): string | undefined {
  let dir: string;
  try {
    dir = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
  const base = join(dir, 'data', 'lambda', '2015-03-31', 'service-2.json');
  return [base, `${base}.gz`].find((p) => existsSync(p));
}
