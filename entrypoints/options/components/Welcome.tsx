import { SafeLink } from '@/components/common';
import { t } from '@/lib/i18n';

export const API_ACCESS_URL = 'https://app.dataforseo.com/api-access';

/** First-run greeting: what the extension does and the three steps to start. */
export function Welcome(props: { onDismiss?: () => void }) {
  return (
    <section class="card welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('optionsWelcomeTitle', t('extName'))}</h2>
      <p>
        Backlink Lens shows who links to the site you are looking at — rank, backlinks, referring domains and top anchors —
        straight from the DataForSEO Backlinks API, with your own API account. You pay DataForSEO per check (about two cents);
        the extension keeps a spend log and answers repeat checks from its cache for free.
      </p>
      <ol class="steps">
        <li>
          <strong>Get your API login and API password</strong> from{' '}
          <SafeLink href={API_ACCESS_URL}>app.dataforseo.com/api-access</SafeLink> (the API password is not your account password).
        </li>
        <li>
          <strong>Paste them below</strong> and save.
        </li>
        <li>
          <strong>Test the connection</strong>: it is free and shows your balance.
        </li>
      </ol>
      <p class="muted">
        Just trying it out? Choose <strong>DataForSEO sandbox</strong>: it is free and answers with sample data.
      </p>
      {props.onDismiss && (
        <div class="actions">
          <button type="button" onClick={props.onDismiss}>
            Got it
          </button>
        </div>
      )}
    </section>
  );
}
