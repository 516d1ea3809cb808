import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { PublicSettings } from '@/lib/messages';
import { PROVIDERS, type Provider } from '@/lib/providers';
import { SafeLink } from '@/components/common';
import type { CredentialsDraft } from './form';
import { API_ACCESS_URL } from './Welcome';
import { Confirm } from './Confirm';
import { t, tParts, type MessageKey } from '@/lib/i18n';

const CHOICES: Record<Provider, { label: MessageKey; note: MessageKey }> = {
  dataforseo: { label: 'optionsProviderDataforseo', note: 'optionsChoiceDataforseoNote' },
  sandbox: { label: 'optionsSandboxName', note: 'optionsChoiceSandboxNote' },
  aisa: { label: 'optionsProviderAisa', note: 'optionsChoiceAisaNote' },
};

export interface CredentialsSectionProps {
  draft: CredentialsDraft;
  saved: PublicSettings['credentials'];
  busy: boolean;
  /** A problem with one field (shown under it). */
  fieldError: { field: 'login' | 'password' | 'key'; message: string } | null;
  /** A line under the buttons: what just happened. */
  status: string | null;
  onDraft: (patch: Partial<CredentialsDraft>) => void;
  onSave: () => void;
  onForget: () => void;
  /** Settings of the chosen provider (e.g. the AIsa rate), below the credentials. */
  providerFields?: ComponentChildren;
}

/** Provider choice and the login/password or key. The saved secret is never shown, only its hint. */
export function CredentialsSection(props: CredentialsSectionProps) {
  const { draft, saved, fieldError } = props;
  const [confirming, setConfirming] = useState(false);
  const loginPassword = draft.provider !== 'aisa';
  const savedHere = saved.present && (loginPassword ? saved.provider !== 'aisa' : saved.provider === 'aisa');
  const errorFor = (field: 'login' | 'password' | 'key') =>
    fieldError?.field === field ? (
      <div class="field-error" id={`${field}-error`} role="alert">
        {fieldError.message}
      </div>
    ) : null;

  return (
    <section class="card" aria-labelledby="credentials-title">
      <h2 id="credentials-title">{t('optionsCredentialsTitle')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave();
        }}
      >
        <fieldset class="choices">
          <legend>{t('optionsProviderLegend')}</legend>
          {PROVIDERS.map((p) => (
            <label class="choice" key={p}>
              <input
                type="radio"
                name="provider"
                value={p}
                checked={draft.provider === p}
                data-testid={`provider-${p}`}
                onChange={() => props.onDraft({ provider: p })}
              />
              <span>
                <span class="choice-label">{t(CHOICES[p].label)}</span>
                <span class="hint">{t(CHOICES[p].note)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        {loginPassword ? (
          <>
            <div class="field">
              <label for="login">{t('optionsApiLogin')}</label>
              <input
                id="login"
                type="text"
                data-testid="login"
                autocomplete="username"
                spellcheck={false}
                value={draft.login}
                aria-invalid={fieldError?.field === 'login'}
                aria-describedby={fieldError?.field === 'login' ? 'login-error' : undefined}
                onInput={(e) => props.onDraft({ login: e.currentTarget.value })}
              />
              {errorFor('login')}
            </div>
            <div class="field">
              <label for="password">{t('optionsApiPassword')}</label>
              <input
                id="password"
                type="password"
                data-testid="password"
                autocomplete="new-password"
                spellcheck={false}
                placeholder={savedHere ? t('optionsKeepPassword') : ''}
                value={draft.password}
                aria-invalid={fieldError?.field === 'password'}
                aria-describedby={`password-help${fieldError?.field === 'password' ? ' password-error' : ''}`}
                onInput={(e) => props.onDraft({ password: e.currentTarget.value })}
              />
              <div class="hint" id="password-help">
                {tParts('optionsPasswordHelp', <strong>{t('optionsPasswordHelpNot')}</strong>, <SafeLink href={API_ACCESS_URL}>app.dataforseo.com/api-access</SafeLink>)}
              </div>
              {savedHere && saved.secretHint && (
                <div class="saved-hint" data-testid="secret-hint">
                  {t('optionsSecretHint', saved.secretHint)}
                </div>
              )}
              {errorFor('password')}
            </div>
          </>
        ) : (
          <div class="field">
            <label for="key">{t('optionsAisaKey')}</label>
            <input
              id="key"
              type="password"
              data-testid="key"
              autocomplete="off"
              spellcheck={false}
              placeholder={savedHere ? t('optionsKeepKey') : 'sk-aisa-…'}
              value={draft.key}
              aria-invalid={fieldError?.field === 'key'}
              aria-describedby={`key-help${fieldError?.field === 'key' ? ' key-error' : ''}`}
              onInput={(e) => props.onDraft({ key: e.currentTarget.value })}
            />
            <div class="hint" id="key-help">
              {t('optionsAisaKeyHelp')}
            </div>
            {savedHere && saved.secretHint && (
              <div class="saved-hint" data-testid="secret-hint">
                {t('optionsSecretHint', saved.secretHint)}
              </div>
            )}
            {errorFor('key')}
          </div>
        )}

        <div class="actions">
          <button type="submit" class="primary" data-testid="save-credentials" disabled={props.busy}>
            {t('optionsSave')}
          </button>
          {saved.present && !confirming && (
            <button type="button" data-testid="forget-credentials" disabled={props.busy} onClick={() => setConfirming(true)}>
              {t('optionsForgetCredentials')}
            </button>
          )}
          {props.status && (
            <span class="status" role="status" data-testid="credentials-status">
              {props.status}
            </span>
          )}
        </div>
        {confirming && (
          <Confirm
            yes={t('optionsForget')}
            yesTestId="forget-confirm"
            danger
            onYes={() => {
              setConfirming(false);
              props.onForget();
            }}
            onNo={() => setConfirming(false)}
          >
            {t('optionsForgetConfirm')}
          </Confirm>
        )}
      </form>
      {props.providerFields}
    </section>
  );
}
