import type { BulkMetric } from '@/lib/bulk';
import { t } from '@/lib/i18n';

/** The "list of sites" page's name for each bulk figure (the checkboxes, the quote table, the failure lines). */
export const metricLabel = (m: BulkMetric): string =>
  m === 'rank' ? t('bulkMetricRank') : m === 'referringDomains' ? t('bulkMetricRefDomains') : m === 'backlinks' ? t('bulkMetricBacklinks') : t('bulkMetricSpam');
