import type { Outcome } from '../errors';
import type { Account, AnchorsPage, BacklinksPage, Profile } from '../model';
import type { AnchorsParams, BacklinksParams, ProfileParams } from '../params.schema';

/** The endpoints the extension uses, by the names the user sees. */
export type Endpoint = 'profile' | 'anchors' | 'backlinks' | 'account';

/** API path of each endpoint, relative to the provider base. */
export const ENDPOINT_PATH: Record<Endpoint, string> = {
  profile: 'backlinks/summary/live',
  anchors: 'backlinks/anchors/live',
  backlinks: 'backlinks/backlinks/live',
  account: 'appendix/user_data',
};

/** A successful answer: the mapped data, what it cost (the response's `cost`, USD) and how many rows came back. */
export interface ApiAnswer<T> {
  data: T;
  cost: number;
  rows: number;
}

/** What the worker uses to talk to a provider. Implemented by createClient() in ./client.ts. */
export interface BacklinksClient {
  profile(params: ProfileParams, signal?: AbortSignal): Promise<Outcome<ApiAnswer<Profile>>>;
  anchors(params: AnchorsParams, signal?: AbortSignal): Promise<Outcome<ApiAnswer<AnchorsPage>>>;
  backlinks(params: BacklinksParams, signal?: AbortSignal): Promise<Outcome<ApiAnswer<BacklinksPage>>>;
  /** Free for DataForSEO and the sandbox (appendix/user_data). Not offered by AIsa: answers invalid-request. */
  account(signal?: AbortSignal): Promise<Outcome<ApiAnswer<Account>>>;
}
