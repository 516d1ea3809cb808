import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * A small import graph of the TypeScript sources, for the rule tests. Specifiers are read from
 * the text (comments stripped): `import … from`, `export … from`, side-effect imports and dynamic
 * `import()`. Each edge says whether it exists at run time (`import type` is erased).
 */

export const ROOT = resolve(__dirname, '..', '..');

export interface Edge {
  spec: string;
  /** Project-relative file, or null for a package. */
  file: string | null;
  typeOnly: boolean;
}

export function resolveLocal(fromFile: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : resolve(dirname(join(ROOT, fromFile)), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
  }
  return null;
}

export function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

export function importsOf(file: string, source: string = readFileSync(join(ROOT, file), 'utf8')): Edge[] {
  const out: Edge[] = [];
  const code = stripComments(source);
  const add = (spec: string, typeOnly: boolean) => {
    if (spec.endsWith('.css')) return;
    const local = spec.startsWith('.') || spec.startsWith('@/');
    out.push({ spec, file: local ? resolveLocal(file, spec) : null, typeOnly });
  };
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    const clause = (m[3] ?? '').trim();
    const names = /^\{([^}]*)\}$/.exec(clause);
    const allTypes = !!names && names[1]!.split(',').every((n) => !n.trim() || n.trim().startsWith('type '));
    add(m[4]!, !!m[2] || allTypes);
  }
  for (const m of code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) add(m[1]!, false);
  for (const m of code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1]!, false);
  return out;
}

/** Every .ts/.tsx file under the given project folders (node_modules and build output skipped). */
export function sourceFiles(...folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = join(dir, name);
      if (name === 'node_modules' || name.startsWith('.')) continue;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
    }
  };
  for (const f of folders) walk(f);
  return out.sort();
}

/** The import cycles among `files` (each as a list of files, first repeated at the end). */
export function findCycles(files: string[], follow: (e: Edge) => boolean): string[][] {
  const set = new Set(files);
  const graph = new Map(files.map((f) => [f, [...new Set(importsOf(f).filter((e) => e.file && set.has(e.file) && follow(e)).map((e) => e.file!))]]));
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const next of graph.get(f) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}
