/**
 * The benchmark's reference extension: the least work a popup or a panel can do to show the same
 * data, loaded into the same browser as ours so both are timed in one run, round by round.
 *
 * One extension with four pages, chosen as the toolbar popup with `action.setPopup` between rounds:
 * - `static.html`: a number in the HTML, no script (Chromium's own cost of opening a popup);
 * - `hit.html`: `tabs.query`, one message, the worker reads one storage value and replies (a cache hit);
 * - `miss.html`: `tabs.query`, one message, the worker makes the API call (the same body and
 *   credentials as ours, through the sandbox at latency L) and replies (a cache miss);
 * - `sidepanel.html`: one message, the worker reads 1,000 stored rows and replies; the page renders
 *   the rows that fit (as a virtual list does) with `aria-setsize` = 1,000.
 * Every page marks its figure as ours does (`[data-testid=rank] .num`, `[data-testid=row]`), so the
 * same probes (tests/bench/probe.ts) time both. The worker's file is not `background.js`, which is how
 * the harness tells our worker from this one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const html = (title: string, body: string, script?: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${script ? `<script type="module" src="/${script}"></script>` : ''}</head><body>${body}</body></html>`;

const FIGURE = '<div data-testid="rank">Rank <span class="num">$N</span></div>';

// The same cold-start marks as ours (bl:script first, then the first message and its reply), so the bench
// can set our worker's start beside the least a worker does.
const WORKER = String.raw`performance.mark('bl:script');
const once = (name) => { if (!performance.getEntriesByName(name).length) performance.mark(name); };
chrome.runtime.onMessage.addListener((msg, _sender, send) => {
  once('bl:first-message');
  const reply = (v) => { once('bl:first-reply'); send(v); };
  if (msg.type === 'hit') {
    chrome.storage.local.get('profile').then((v) => reply({ ok: true, data: v.profile }));
    return true;
  }
  if (msg.type === 'miss') {
    // The bench sets the next call (URL, credentials, task body) in the worker before the round.
    const next = globalThis.__next;
    fetch(next.url, { method: 'POST', headers: { authorization: next.auth, 'content-type': 'application/json' }, body: JSON.stringify([next.task]) })
      .then((r) => r.json())
      .then((j) => reply({ ok: true, data: j.tasks && j.tasks[0] && j.tasks[0].result && j.tasks[0].result[0] }))
      .catch((e) => reply({ ok: false, error: String(e) }));
    return true;
  }
  if (msg.type === 'rows') {
    chrome.storage.local.get('rows').then((v) => reply({ ok: true, data: v.rows }));
    return true;
  }
  return false;
});`;

// The popup's message: the active tab's address first, as ours does.
const POPUP = (type: 'hit' | 'miss') => String.raw`performance.mark('bl:start-script');
const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
performance.mark('bl:tab');
const r = await chrome.runtime.sendMessage({ type: '${type}', tab: tab && tab.url });
const rank = r && r.ok && r.data ? (r.data.rank ?? 0) : 'error';
document.body.innerHTML = '<div data-testid="rank">Rank <span class="num"></span></div>';
document.querySelector('.num').textContent = String(rank);`;

const PANEL = String.raw`const r = await chrome.runtime.sendMessage({ type: 'rows' });
const rows = (r && r.ok && r.data) || [];
const list = document.createElement('div');
const fit = Math.ceil(window.innerHeight / 24) + 5;
for (const [i, row] of rows.slice(0, fit).entries()) {
  const el = document.createElement('div');
  el.setAttribute('data-testid', 'row');
  el.setAttribute('aria-setsize', String(rows.length));
  el.setAttribute('aria-posinset', String(i + 1));
  el.textContent = row.domain_from + ' ' + row.url_from + ' ' + (row.anchor || '') + ' ' + row.domain_from_rank;
  list.append(el);
}
document.body.append(list);`;

export interface ReferenceExtension {
  dir: string;
}

/** Writes the reference extension into `dir` (its API host: the provider's, mapped to the sandbox). */
export function writeReferenceExtension(dir: string): ReferenceExtension {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Bench floor (reference)',
    version: '1.0.0',
    action: { default_popup: 'hit.html' },
    background: { service_worker: 'ref-worker.js' },
    permissions: ['storage', 'activeTab'],
    host_permissions: ['https://api.dataforseo.com/*'],
  };
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify(manifest, null, 2),
    'ref-worker.js': WORKER,
    'static.html': html('Static', FIGURE.replace('$N', '42')),
    'hit.html': html('Hit', '', 'hit.js'),
    'hit.js': POPUP('hit'),
    'miss.html': html('Miss', '', 'miss.js'),
    'miss.js': POPUP('miss'),
    'sidepanel.html': html('Panel', '', 'panel.js'),
    'panel.js': PANEL,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { dir };
}
