import { readdirSync } from 'node:fs';

/**
 * One sandbox API route: the path it answers, its recorded endpoint name, its DataForSEO function
 * number (task ids), and how it answers one task. A route module in ./routes/ exports it as `route`;
 * the server loads every module there when it starts, so a new endpoint's route and data are one
 * file (./routes/<endpoint>.ts). `answer` checks the task and throws a TaskError (./query.ts) to
 * refuse it, as the API does.
 */
export interface SandboxRoute {
  /** API path after /v3/ (e.g. 'backlinks/referring_domains/live'). */
  path: string;
  /** The name requests are recorded and faults are matched under. */
  endpoint: string;
  /** DataForSEO's function number, used in task ids. */
  no: number;
  /** Whether the AIsa gateway relays it. */
  aisa: boolean;
  answer: (seed: string, task: Record<string, unknown>) => { result: Record<string, unknown>; rows: number };
}

const ROUTES_DIR = new URL('./routes/', import.meta.url);

let loaded: Promise<SandboxRoute[]> | null = null;

/** Every route module of ./routes/ (loaded once). */
export function loadRoutes(): Promise<SandboxRoute[]> {
  loaded ??= (async () => {
    const files = readdirSync(ROUTES_DIR)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .sort();
    const modules = await Promise.all(files.map((f) => import(new URL(f, ROUTES_DIR).href) as Promise<{ route?: SandboxRoute }>));
    return modules.map((m, i) => {
      if (!m.route) throw new Error(`tests/sandbox/routes/${files[i]} exports no route`);
      return m.route;
    });
  })();
  return loaded;
}
