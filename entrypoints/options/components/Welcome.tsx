import { SafeLink } from '@/components/common/SafeLink';
import { t, tParts } from '@/lib/i18n';

export const API_ACCESS_URL = 'https://app.dataforseo.com/api-access';

/** First-run greeting: what the extension does and the three steps to start. */
export function Welcome(props: { onDismiss?: () => void }) {
  return (
    <section class="card welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('optionsWelcomeTitle', t('extName'))}</h2>
      <p>{t('optionsWelcomeIntro')}</p>
      <ol class="steps">
        <li>
          {tParts(
            'optionsWelcomeStep1',
            <strong>{t('optionsWelcomeStep1Action')}</strong>,
            <SafeLink href={API_ACCESS_URL}>app.dataforseo.com/api-access</SafeLink>,
          )}
        </li>
        <li>{tParts('optionsWelcomeStep2', <strong>{t('optionsWelcomeStep2Action')}</strong>)}</li>
        <li>{tParts('optionsWelcomeStep3', <strong>{t('optionsWelcomeStep3Action')}</strong>)}</li>
      </ol>
      <p class="muted">{tParts('optionsWelcomeSandbox', <strong>{t('optionsSandboxName')}</strong>)}</p>
      {props.onDismiss && (
        <div class="actions">
          <button type="button" onClick={props.onDismiss}>
            {t('optionsWelcomeDismiss')}
          </button>
        </div>
      )}
    </section>
  );
}
