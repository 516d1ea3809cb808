/**
 * The content script ↔ worker contract of the results-page overlay (zod-free; the worker checks it
 * with ./guard.ts). The content script sends only result URLs.
 */
import type { AppError } from '@/lib/errors';

export const SERP_MESSAGE = 'serpFigures' as const;

export interface SerpRequest {
  type: typeof SERP_MESSAGE;
  /** The organic results' URLs, in page order (≤ MAX_SERP_URLS). */
  urls: string[];
  /** 'quote': the price only (free). 'run': buy what is not cached. */
  step: 'quote' | 'run';
  /** For 'run' in ask mode: the price the user confirmed with a trusted click. */
  maxPriceUsd?: number;
}

/** One result's figures (the domain's), keyed by the URL the page sent. */
export interface SerpFigures {
  url: string;
  domain: string | null;
  rank: number | null;
  referringDomains: number | null;
  backlinks: number | null;
  spamScore: number | null;
}

export type SerpReply =
  | { ok: true; step: 'quote'; mode: 'ask' | 'auto'; priceUsd: number; calls: number }
  | { ok: true; step: 'run'; figures: SerpFigures[]; calls: number; spentUsd: number; failed: string[] }
  | { ok: false; error: AppError };
