import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf, ROOT, sourceFiles, stripComments } from './importGraph';

/**
 * House rules, as tests. docs/ARCHITECTURE.md ("Rule tests") says why each exists.
 * (What the pages reach through their whole import tree is lib/pageImports.test.ts.)
 */

const APP = sourceFiles('lib', 'components', 'entrypoints');
const isTest = (f: string) => /\.test\.tsx?$/.test(f);

describe('no import cycles', () => {
  it('in lib/, components/ and entrypoints/ (type imports included)', () => {
    expect(APP.length).toBeGreaterThan(50); // the walk does find the sources
    expect(findCycles(APP, () => true).map((c) => c.join(' → '))).toEqual([]);
  });
});

const PAGE_FILES = APP.filter((f) => /^(entrypoints\/(popup|sidepanel|options|bulk)|components)\//.test(f) && !isTest(f));
const FORBIDDEN_PACKAGES = ['zod', 'tldts'];
/** Modules only the background worker may load. */
const WORKER_ONLY = [/\.schema\.ts$/, /^lib\/lookup\//, /^lib\/dataforseo\/client/, /^lib\/settings\/store\.ts$/];

describe('pages (popup, side panel, options and components/) import no worker code', () => {
  it('no zod, no tldts, no *.schema.ts, no lib/lookup/*, no lib/dataforseo/client* (a type-only import of a schema file is erased and allowed)', () => {
    expect(PAGE_FILES.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const file of PAGE_FILES) {
      for (const e of importsOf(file)) {
        const pkg = e.file === null && FORBIDDEN_PACKAGES.some((p) => e.spec === p || e.spec.startsWith(`${p}/`));
        const worker = e.file !== null && WORKER_ONLY.some((re) => re.test(e.file!));
        const schemaType = e.typeOnly && e.file !== null && e.file.endsWith('.schema.ts');
        if (pkg || (worker && !schemaType)) bad.push(`${file} imports ${e.spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

/**
 * Modules that import zod are named `*.schema.ts`, so the split between worker and pages shows in
 * the name. The files listed here predate the convention and belong to the worker's restructure
 * (endpoint table, storage registry); each is worker-only and already kept out of the pages by
 * lib/pageImports.test.ts. Shrink this list; never grow it.
 */
const ZOD_WITHOUT_SCHEMA_NAME = [
  'entrypoints/background/index.ts',
  'lib/credentials.ts',
  'lib/lookup/cache.ts',
  'lib/lookup/history.ts',
  'lib/messages.ts',
  'lib/model.ts',
];

describe('the *.schema.ts convention', () => {
  it('every module that imports zod is named *.schema.ts (or is a listed exception)', () => {
    const zodFiles = APP.filter((f) => !isTest(f) && importsOf(f).some((e) => e.file === null && (e.spec === 'zod' || e.spec.startsWith('zod/'))));
    expect(zodFiles.length).toBeGreaterThan(2);
    expect(zodFiles.filter((f) => !f.endsWith('.schema.ts') && !ZOD_WITHOUT_SCHEMA_NAME.includes(f))).toEqual([]);
    // The list only shrinks: an exception that no longer imports zod (or no longer exists) is taken off it.
    expect(ZOD_WITHOUT_SCHEMA_NAME.filter((f) => !zodFiles.includes(f))).toEqual([]);
  });
});

/**
 * The API's own field names, distinctive enough that a match is a use. Only lib/dataforseo/ maps
 * them to the extension's model (lib/model.ts); everything else speaks the model's names.
 */
const API_FIELD_NAMES = [
  'referring_domains_nofollow',
  'referring_main_domains',
  'backlinks_spam_score',
  'domain_from_rank',
  'page_from_rank',
  'url_from',
  'url_to',
  'domain_from',
  'backlinks_status_type',
  'include_subdomains',
  'include_indirect_links',
  'exclude_internal_backlinks',
  'internal_links_count',
  'search_after_token',
  'first_seen',
  'is_lost',
  'is_broken',
];
/** Test files and helpers may hold API payloads; the sandbox server plays the API. */
const mayKnowApi = (f: string) => f.startsWith('lib/dataforseo/') || isTest(f);

describe('only lib/dataforseo knows the API field names', () => {
  it('no API field name in the source outside lib/dataforseo/ (comments aside)', () => {
    const hits: string[] = [];
    for (const file of APP.filter((f) => !mayKnowApi(f))) {
      const code = stripComments(readFileSync(join(ROOT, file), 'utf8'));
      for (const name of API_FIELD_NAMES) if (new RegExp(`\\b${name}\\b`).test(code)) hits.push(`${file}: ${name}`);
    }
    expect(hits).toEqual([]);
  });
});

describe('one import style', () => {
  it('a module outside its own folder is imported as `@/…`, never `../…` (siblings and subfolders stay `./…`)', () => {
    const bad: string[] = [];
    for (const file of APP) for (const e of importsOf(file)) if (e.spec.startsWith('../')) bad.push(`${file} imports ${e.spec}`);
    expect(bad).toEqual([]);
  });
});

describe('components live beside the page that owns them', () => {
  it('a module in the top-level components/ is used by two or more pages', () => {
    const pageOf = (f: string) => /^entrypoints\/([^/]+)\//.exec(f)?.[1] ?? null;
    const users = new Map<string, Set<string>>();
    const shared = APP.filter((f) => f.startsWith('components/') && !isTest(f));
    // Walk each page's whole import tree (run-time and type edges) and note which shared modules it reaches.
    for (const page of new Set(APP.map(pageOf).filter((p): p is string => p !== null))) {
      const seen = new Set<string>();
      const todo = APP.filter((f) => pageOf(f) === page && !isTest(f));
      while (todo.length) {
        const f = todo.pop()!;
        if (seen.has(f)) continue;
        seen.add(f);
        for (const e of importsOf(f)) if (e.file && /\.tsx?$/.test(e.file)) todo.push(e.file);
      }
      for (const f of shared) if (seen.has(f)) (users.get(f) ?? users.set(f, new Set()).get(f)!).add(page);
    }
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.filter((f) => (users.get(f)?.size ?? 0) < 2).map((f) => `${f}: ${[...(users.get(f) ?? [])].join(', ') || 'no page'}`)).toEqual([]);
  });
});

describe('lib/ and components/ hold only what the extension runs', () => {
  it('every module there is reached from an entrypoint (test helpers live in tests/helpers/; lib/messages/catalog.ts is the build\'s)', () => {
    const BUILD_ONLY = ['lib/messages/catalog.ts'];
    const seen = new Set<string>();
    const todo = APP.filter((f) => f.startsWith('entrypoints/') && !isTest(f));
    while (todo.length) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const e of importsOf(f)) if (e.file && /\.tsx?$/.test(e.file)) todo.push(e.file);
    }
    const unreached = APP.filter((f) => /^(lib|components)\//.test(f) && !isTest(f) && !seen.has(f) && !BUILD_ONLY.includes(f));
    expect(unreached).toEqual([]);
  });
});

describe('the import graph sees the endpoint tables (import.meta.glob)', () => {
  it('the zod-free table reaches every row module and no schema module; the schema table every schema module', () => {
    const rows = importsOf('lib/dataforseo/endpoints.ts').map((e) => e.file);
    const schemas = importsOf('lib/dataforseo/endpoints.schema.ts').map((e) => e.file);
    expect(rows).toContain('lib/dataforseo/endpoints/profile.ts');
    expect(rows).toContain('lib/dataforseo/endpoints/account.ts');
    expect(rows.filter((f) => f?.endsWith('.schema.ts') || f?.endsWith('.test.ts'))).toEqual([]);
    expect(schemas).toContain('lib/dataforseo/endpoints/profile.schema.ts');
    expect(schemas).not.toContain('lib/dataforseo/endpoints/profile.ts');
  });
});
