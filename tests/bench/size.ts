/**
 * Bundle sizes of a built extension: what each page loads (its HTML's scripts and styles plus the
 * chunks they import statically), gzip-compressed file by file, and which source modules make up
 * those bytes (from a build with source maps).
 */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';

export interface FileSize {
  /** Path inside the build, with a leading slash. */
  file: string;
  raw: number;
  gzip: number;
}

export interface PageSize {
  page: string;
  /** Files loaded when the page opens: its scripts, styles and their static imports. */
  files: FileSize[];
  raw: number;
  gzip: number;
  /** Chunks reachable only through dynamic import() (loaded later or on demand), not in `files`. */
  lazy: FileSize[];
  lazyGzip: number;
}

const gzipCache = new Map<string, FileSize>();

export function fileSize(root: string, file: string): FileSize {
  const abs = path.join(root, file);
  const key = abs;
  const hit = gzipCache.get(key);
  if (hit) return hit;
  const buf = readFileSync(abs);
  const size = { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  gzipCache.set(key, size);
  return size;
}

/** Resolve a reference found in `from` (a path inside the build) to a path inside the build. */
function resolveRef(from: string, ref: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) return null; // absolute URLs: not ours
  const clean = ref.split(/[?#]/)[0]!;
  const resolved = clean.startsWith('/') ? path.posix.normalize(clean) : path.posix.join(path.posix.dirname(from), clean);
  return resolved.startsWith('/') ? resolved : `/${resolved}`;
}

/** Script and stylesheet references of a built HTML page (module scripts, modulepreload, stylesheets). */
export function htmlRefs(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/gi)) refs.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rel = /\brel=["']([^"']+)["']/i.exec(tag)?.[1]?.toLowerCase() ?? '';
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href && (rel.includes('stylesheet') || rel.includes('modulepreload'))) refs.push(href);
  }
  return refs;
}

/** Static imports (`import … from "x"`, `import "x"`, `export … from "x"`) and dynamic `import("x")` of built JS. */
export function jsRefs(code: string): { static: string[]; dynamic: string[] } {
  const stat: string[] = [];
  const dyn: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]([^"'`$]+\.m?js)["'`]/g)) stat.push(m[1]!);
  for (const m of code.matchAll(/\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)) dyn.push(m[1]!);
  return { static: stat, dynamic: dyn };
}

/** Every file a page loads at open, following static imports; and what it can load later. */
export function pageSize(root: string, htmlFile: string): PageSize {
  const html = readFileSync(path.join(root, htmlFile), 'utf8');
  const seen = new Set<string>();
  const lazySeen = new Set<string>();
  const queue: string[] = [];
  const lazyQueue: string[] = [];
  for (const ref of htmlRefs(html)) {
    const r = resolveRef(`/${htmlFile}`, ref);
    if (r && !seen.has(r)) {
      seen.add(r);
      queue.push(r);
    }
  }
  const walk = (list: string[], into: Set<string>, lazyInto: string[] | null) => {
    while (list.length) {
      const file = list.shift()!;
      if (!file.endsWith('.js') || !existsSync(path.join(root, file))) continue;
      const refs = jsRefs(readFileSync(path.join(root, file), 'utf8'));
      for (const ref of refs.static) {
        const r = resolveRef(file, ref);
        if (r && !into.has(r) && !seen.has(r)) {
          into.add(r);
          list.push(r);
        }
      }
      if (lazyInto) {
        for (const ref of refs.dynamic) {
          const r = resolveRef(file, ref);
          if (r && !seen.has(r)) lazyInto.push(r);
        }
      }
    }
  };
  walk(queue, seen, lazyQueue);
  // What dynamic imports pull in (and their own static imports), minus what is already loaded.
  for (const r of lazyQueue) if (!seen.has(r)) lazySeen.add(r);
  walk([...lazySeen], lazySeen, null);
  const files = [...seen].filter((f) => existsSync(path.join(root, f))).sort().map((f) => fileSize(root, f));
  const lazy = [...lazySeen].filter((f) => !seen.has(f) && existsSync(path.join(root, f))).sort().map((f) => fileSize(root, f));
  return {
    page: htmlFile,
    files,
    raw: files.reduce((s, f) => s + f.raw, 0),
    gzip: files.reduce((s, f) => s + f.gzip, 0),
    lazy,
    lazyGzip: lazy.reduce((s, f) => s + f.gzip, 0),
  };
}

/** The worker script and its static imports. */
export function backgroundSize(root: string): PageSize {
  const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string; scripts?: string[] };
  };
  const entries = manifest.background?.service_worker ? [manifest.background.service_worker] : (manifest.background?.scripts ?? []);
  const seen = new Set(entries.map((e) => (e.startsWith('/') ? e : `/${e}`)));
  const queue = [...seen];
  while (queue.length) {
    const file = queue.shift()!;
    if (!existsSync(path.join(root, file))) continue;
    for (const ref of jsRefs(readFileSync(path.join(root, file), 'utf8')).static) {
      const r = resolveRef(file, ref);
      if (r && !seen.has(r)) {
        seen.add(r);
        queue.push(r);
      }
    }
  }
  const files = [...seen].filter((f) => existsSync(path.join(root, f))).map((f) => fileSize(root, f));
  return { page: 'background', files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0), lazy: [], lazyGzip: 0 };
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...listFiles(abs).map((f) => `${name}/${f}`));
    else out.push(name);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Which sources make up a chunk (needs a build with source maps)
 * ---------------------------------------------------------------------------------------------- */

/** A source path → a short group: the npm package, or the project folder of a file. */
export function sourceGroup(source: string): string {
  const norm = source.replace(/\\/g, '/');
  const nm = norm.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = norm.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return pkg;
  }
  const m = /(?:^|\/)(lib|components|entrypoints|utils|assets|public)\/(.*)$/.exec(norm);
  if (m) {
    const parts = m[2]!.split('/');
    return parts.length > 1 ? `${m[1]}/${parts[0]}/` : `${m[1]}/${parts[0]}`;
  }
  if (norm.includes('.wxt/') || norm.includes('virtual:') || norm.startsWith('\0')) return '(wxt runtime)';
  return norm.replace(/^(\.\.\/)+/, '');
}

/** Generated code attributed to each source group, for one built JS file with a .map beside it. */
export function composition(root: string, file: string): Map<string, string[]> | null {
  const abs = path.join(root, file);
  const mapPath = `${abs}.map`;
  if (!existsSync(mapPath)) return null;
  const code = readFileSync(abs, 'utf8');
  const map = new TraceMap(readFileSync(mapPath, 'utf8'));
  const lines = code.split('\n');
  const byGroup = new Map<string, string[]>();
  const add = (group: string, text: string) => {
    const list = byGroup.get(group);
    if (list) list.push(text);
    else byGroup.set(group, [text]);
  };
  // Segments in generated order; each one owns the bytes up to the next segment on its line.
  const segs: { line: number; col: number; source: string | null }[] = [];
  eachMapping(map, (m) => {
    segs.push({ line: m.generatedLine, col: m.generatedColumn, source: m.source });
  });
  segs.sort((a, b) => a.line - b.line || a.col - b.col);
  let attributed = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const next = segs[i + 1];
    const lineText = lines[s.line - 1] ?? '';
    const end = next && next.line === s.line ? next.col : lineText.length;
    const text = lineText.slice(s.col, end);
    add(s.source ? sourceGroup(s.source) : '(unmapped)', text);
    attributed += Buffer.byteLength(text);
  }
  const total = Buffer.byteLength(code);
  if (total > attributed) add('(unmapped)', ' '.repeat(total - attributed));
  return byGroup;
}

/**
 * Source groups of a whole page (all its JS files), largest first: raw bytes, and gzip of the
 * group's code on its own (an estimate of its share: gzip is not additive).
 */
export function pageComposition(root: string, page: PageSize): { group: string; bytes: number; gzip: number }[] {
  const texts = new Map<string, string[]>();
  for (const f of page.files) {
    if (!f.file.endsWith('.js')) continue;
    const comp = composition(root, f.file);
    if (!comp) continue;
    for (const [g, parts] of comp) texts.set(g, [...(texts.get(g) ?? []), ...parts]);
  }
  return [...texts]
    .map(([group, parts]) => {
      const text = parts.join('');
      return { group, bytes: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length };
    })
    .sort((a, b) => b.bytes - a.bytes);
}
