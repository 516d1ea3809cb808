import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Test-only: read a documented example response from tests/fixtures. */
export function fixture(name: 'summary' | 'anchors' | 'backlinks'): any {
  const path = fileURLToPath(new URL(`../fixtures/${name}.response.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Test-only: the same structure with every primitive replaced by null (objects and arrays kept). */
export function nullLeaves(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(nullLeaves);
  if (typeof x === 'object' && x !== null) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, nullLeaves(v)]));
  return null;
}

/** Test-only: every field null, except the containers needed to reach the level below (envelope → task → result row). */
export function nullEverything(x: any): any {
  const nullAll = (o: Record<string, unknown>) => Object.fromEntries(Object.keys(o).map((k) => [k, null]));
  const row = x.tasks[0].result[0];
  return {
    ...nullAll(x),
    tasks: [{ ...nullAll(x.tasks[0]), result: [nullAll(row)] }],
  };
}
