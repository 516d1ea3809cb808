import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globImports } from '@/tests/unit/importGraph';

/**
 * The pages stay small: what they load (statically or on demand) never reaches zod, the Public
 * Suffix List (tldts, lib/target.ts and lib/target/) or the storage wrapper; those live in the background worker.
 * The worker's schemas use `zod/mini` (functions instead of methods, so the bundle keeps only what
 * is used); classic `zod` must not come back into it.
 * This follows the source's runtime imports (`import type` is erased and not followed).
 */

const ROOT = resolve(__dirname, '..');
const FORBIDDEN = ['zod', 'tldts', 'wxt/utils/storage', '@wxt-dev/storage'];
/** Worker-only modules: every `*.schema.ts` (they import zod) and these. */
const FORBIDDEN_FILES = ['lib/target.ts', 'lib/messages.ts', 'lib/settings/store.ts', 'lib/model.ts'];
const isForbiddenFile = (f: string) => f.endsWith('.schema.ts') || FORBIDDEN_FILES.includes(f) || f.startsWith('lib/target/');

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Runtime import specifiers of one file: static (not `import type`), re-exports and dynamic imports. */
function runtimeImports(source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    if (m[2]) continue; // import type / export type
    const clause = m[3] ?? '';
    // `import { type A, type B } from` imports nothing at run time either.
    const names = /^\{([^}]*)\}$/.exec(clause.trim());
    if (names && names[1]!.split(',').every((n) => !n.trim() || n.trim().startsWith('type '))) continue;
    out.push(m[4]!);
  }
  for (const m of code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

function reach(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    // The endpoint tables load their row modules with import.meta.glob.
    for (const target of globImports(relative(ROOT, file), source)) todo.push(join(ROOT, target));
    for (const spec of runtimeImports(source)) {
      if (spec.endsWith('.css')) continue;
      if (spec.startsWith('.') || spec.startsWith('@/')) {
        const target = resolveLocal(file, spec);
        if (target) todo.push(target);
      } else if (!packages.has(spec)) {
        packages.set(spec, relative(ROOT, file));
      }
    }
  }
  return { files, packages };
}

describe('what the pages load', () => {
  it.each(['popup', 'sidepanel', 'options', 'bulk'])('%s reaches no zod, no Public Suffix List, no storage wrapper', (page) => {
    const { files, packages } = reach(join(ROOT, 'entrypoints', page, 'main.tsx'));
    expect(files.size).toBeGreaterThan(5); // the walk does follow imports
    const bad = [...packages].filter(([spec]) => FORBIDDEN.some((f) => spec === f || spec.startsWith(`${f}/`)));
    expect(bad.map(([spec, from]) => `${spec} (from ${from})`)).toEqual([]);
    const badFiles = [...files].map((f) => relative(ROOT, f)).filter(isForbiddenFile);
    expect(badFiles).toEqual([]);
  });

  it('the worker does reach them (the walk finds what is there)', () => {
    const { files, packages } = reach(join(ROOT, 'entrypoints', 'background', 'index.ts'));
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['zod/mini', 'tldts']));
    expect([...files].map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['lib/target.ts', 'lib/messages.ts']));
  });

  it('the worker uses only zod/mini: one classic import would bring all of classic zod into its bundle', () => {
    const { packages } = reach(join(ROOT, 'entrypoints', 'background', 'index.ts'));
    const zods = [...packages].filter(([spec]) => spec === 'zod' || spec.startsWith('zod/'));
    expect(zods.filter(([spec]) => spec !== 'zod/mini').map(([spec, from]) => `${spec} (from ${from})`)).toEqual([]);
  });
});
