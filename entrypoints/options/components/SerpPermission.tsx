import { SERP_ORIGINS } from '@/lib/serp/hosts';
import { t } from '@/lib/i18n';

/** What became of the Google results hosts' permission after the user's last choice. */
export type SerpNotice = null | 'refused' | 'offer-remove' | 'removed';

/** Under the Google results setting: the hosts it reads, and what became of their permission. */
export function SerpPermission(props: { notice: SerpNotice; onRemove: () => void }) {
  const { notice } = props;
  return (
    <>
      <p class="hint" data-testid="serp-hosts">
        {t('optionsSerpHosts', SERP_ORIGINS.map((o) => o.replace('https://', '').replace('/*', '')).join(', '))}
      </p>
      {notice === 'refused' && (
        <p class="notice" data-testid="serp-refused">
          {t('optionsSerpRefused')}
        </p>
      )}
      {notice === 'offer-remove' && (
        <p class="notice" data-testid="serp-offer-remove">
          {t('optionsSerpOff')}{' '}
          <button type="button" data-testid="serp-remove-permission" onClick={props.onRemove}>
            {t('optionsSerpRemove')}
          </button>
        </p>
      )}
      {notice === 'removed' && (
        <p class="notice" data-testid="serp-removed">
          {t('optionsSerpRemoved')}
        </p>
      )}
    </>
  );
}
