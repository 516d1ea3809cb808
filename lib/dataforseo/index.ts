/** The DataForSEO contract: the only module that knows the API's field names, codes and hosts. */
export { ENDPOINT_PATH, type ApiAnswer, type BacklinksClient, type EndpointCall } from './api';
export {
  ENDPOINTS,
  ENDPOINT_NAMES,
  PAID_ENDPOINTS,
  type CsvEndpoint,
  type Endpoint,
  type EndpointModel,
  type EndpointParams,
  type EndpointRow,
  type PaidEndpoint,
} from './endpoints';
export { ENDPOINT_SCHEMAS, EndpointSchema, PARAMS_SCHEMAS, type EndpointSchemaRow } from './endpoints.schema';
export { createClient, DEFAULT_TIMEOUT_MS, endpointUrl, type ClientOptions } from './client';
export { COST_PER_REQUEST, COST_PER_ROW, estimateCost } from './cost';
export { validateTask } from './requests/validate';
export type { AnchorsTask, BacklinksTask, FilterExpr, SummaryTask } from './requests/tasks';
export { buildProfileBody } from './requests/profile';
export { buildAnchorsBody } from './requests/anchors';
export { buildBacklinksBody } from './requests/backlinks';
export { errorForCode, errorForGateway, errorForHttp, isOkCode, STATUS_RULES } from './status';
export { apiDateToIso } from './map';
