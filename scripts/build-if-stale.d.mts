/** Types of build-if-stale.mjs (for the specs). */
export interface BuildTarget {
  name: string;
  inputs: string[];
  env?: RegExp;
  outDir: string;
  outputs: string[];
  command: string[];
  /** Used instead of `command` with `force` (npm run build): e.g. a type-checked build. */
  checkedCommand?: string[];
}
export const STAMP: string;
export const TARGETS: BuildTarget[];
export function inputsHash(target: BuildTarget, root: string, env?: NodeJS.ProcessEnv): string;
export function staleReason(target: BuildTarget, root: string, hash?: string): string | undefined;
export function buildIfStale(
  targets: BuildTarget[],
  options: { root: string; log?: (line: string) => void; env?: NodeJS.ProcessEnv; force?: boolean },
): string[];
