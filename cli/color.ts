/** Whether to colour: decided for the stream the text is written to, with --no-color, NO_COLOR and FORCE_COLOR. */
import type { Values } from './parse.ts';

/** https://no-color.org: a non-empty NO_COLOR turns colour off; FORCE_COLOR (not 0/false) turns it on. */
export function useColor(values: Values, env: NodeJS.ProcessEnv, streamIsTty: boolean): boolean {
  if (values['no-color'] === true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return streamIsTty;
}
