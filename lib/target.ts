// Contract (implementation to follow): see the interface below.
import type { LookupTarget, Scope } from './params';

export type RefusalReason =
  | 'empty'
  | 'invalid-url'
  | 'scheme'
  | 'browser-page'
  | 'new-tab'
  | 'local'
  | 'ip'
  | 'no-public-suffix'
  | 'too-long';

export interface Refusal {
  reason: RefusalReason;
  /** One sentence for the user, e.g. "Browser pages have no backlinks. Open a website and try again." */
  message: string;
}

/** The three ways a URL can be checked. */
export interface SiteTargets {
  domain: LookupTarget;
  host: LookupTarget;
  page: LookupTarget;
}

export type TargetResult = { ok: true; site: SiteTargets } | { ok: false; refusal: Refusal };

export declare function parseTarget(url: string | null | undefined): TargetResult;
export declare function targetFor(site: SiteTargets, scope: Scope): LookupTarget;
