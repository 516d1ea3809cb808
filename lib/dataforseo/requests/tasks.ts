import type { Endpoint } from '@/lib/dataforseo/api';
import type { MODES, RANK_SCALES, STATUS_TYPES } from './limits';

/** The API tasks the builders produce: filter expressions and the task of each list endpoint. */

export type FilterValue = string | number | boolean;
export type FilterCondition = [field: string, operator: string, value: FilterValue];
/** A condition, or conditions joined by "and"/"or" in the API's nested-array form. */
export type FilterExpr = FilterCondition | (FilterExpr | 'and' | 'or')[];

export interface CommonTask {
  target: string;
  /** Only for domain and host targets. */
  include_subdomains?: boolean;
  include_indirect_links: boolean;
  exclude_internal_backlinks: boolean;
  backlinks_status_type: (typeof STATUS_TYPES)[number];
  rank_scale: (typeof RANK_SCALES)[number];
  tag?: string;
}

export interface SummaryTask extends CommonTask {
  internal_list_limit: number;
}

export interface AnchorsTask extends CommonTask {
  limit: number;
  offset: number;
  order_by: string[];
  filters?: FilterExpr;
}

export interface BacklinksTask extends CommonTask {
  mode: (typeof MODES)[number];
  limit: number;
  offset: number;
  order_by: string[];
  filters?: FilterExpr;
  search_after_token?: string;
}

export type TaskFor<E extends Endpoint> = E extends 'profile'
  ? SummaryTask
  : E extends 'anchors'
    ? AnchorsTask
    : E extends 'backlinks'
      ? BacklinksTask
      : never;
