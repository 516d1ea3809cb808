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
  // Vite's import.meta.glob (the endpoint tables): an edge to every file the patterns match. Read from
  // the source as written: a pattern such as './endpoints/*.ts' looks like a comment to stripComments.
  for (const target of globImports(file, source)) out.push({ spec: target, file: target, typeOnly: false });
  return out;
}

/** The project files a source's import.meta.glob calls load (run-time edges). */
export function globImports(file: string, source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/import\.meta\.glob(?:<[^(]*>)?\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g)) {
    const patterns = [...m[1]!.matchAll(/['"]([^'"]+)['"]/g)].map((p) => p[1]!);
    out.push(...globFiles(file, patterns));
  }
  return out;
}

/** The files a relative import.meta.glob pattern list matches (`*` within the last path segment; `!` excludes). */
export function globFiles(fromFile: string, patterns: string[]): string[] {
  const toRegex = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => toRegex(p.slice(1)));
  const found = new Set<string>();
  for (const pattern of include) {
    const dir = dirname(pattern);
    const abs = resolve(dirname(join(ROOT, fromFile)), dir);
    if (!existsSync(abs)) continue;
    const re = toRegex(pattern);
    for (const name of readdirSync(abs)) {
      const rel = `${dir}/${name}`;
      if (re.test(rel) && !exclude.some((x) => x.test(rel))) found.add(relative(ROOT, join(abs, name)));
    }
  }
  return [...found].sort();
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
