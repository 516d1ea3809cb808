/** The request limits and enumerations the API documents, shared by every builder and check. */

export const LIMIT_MIN = 1;
export const LIMIT_MAX = 1000;
export const OFFSET_MAX = 20_000;
export const FILTERS_MAX = 8;
export const ORDER_BY_MAX = 3;
export const TAG_MAX = 255;
export const DOMAIN_MAX = 253;
export const URL_MAX = 2048;
export const TEXT_MAX = 200;
export const INTERNAL_LIST_LIMIT = 10;

export const STATUS_TYPES = ['live', 'all', 'lost'] as const;
export const RANK_SCALES = ['one_hundred', 'one_thousand'] as const;
export const MODES = ['as_is', 'one_per_domain', 'one_per_anchor'] as const;
export const FILTER_OPERATORS = [
  '=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not_in',
  'like',
  'not_like',
  'ilike',
  'not_ilike',
  'regex',
  'not_regex',
  'match',
  'not_match',
] as const;
