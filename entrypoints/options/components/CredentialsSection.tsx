import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { PublicSettings } from '@/lib/messages';
import { PROVIDERS, type Provider } from '@/lib/providers';
import { SafeLink } from '@/components/common';
import type { CredentialsDraft } from './form';
import { API_ACCESS_URL } from './Welcome';
import { Confirm } from './Confirm';
import { t } from '@/lib/i18n';

const CHOICES: Record<Provider, { label: string; note: string }> = {
  dataforseo: { label: 'DataForSEO', note: 'Your DataForSEO account: real data, paid per check.' },
  sandbox: {
    label: 'DataForSEO sandbox',
    note: 'Free, sample (dummy) data. Same API login and password, sent to the sandbox host instead.',
  },
  aisa: { label: 'AIsa gateway', note: 'DataForSEO through the AIsa gateway, with an AIsa API key.' },
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
          <legend>Where the data comes from</legend>
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
                <span class="choice-label">{CHOICES[p].label}</span>
                <span class="hint">{CHOICES[p].note}</span>
              </span>
            </label>
          ))}
        </fieldset>

        {loginPassword ? (
          <>
            <div class="field">
              <label for="login">API login</label>
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
              <label for="password">API password</label>
              <input
                id="password"
                type="password"
                data-testid="password"
                autocomplete="new-password"
                spellcheck={false}
                placeholder={savedHere ? 'Leave empty to keep the saved password' : ''}
                value={draft.password}
                aria-invalid={fieldError?.field === 'password'}
                aria-describedby={`password-help${fieldError?.field === 'password' ? ' password-error' : ''}`}
                onInput={(e) => props.onDraft({ password: e.currentTarget.value })}
              />
              <div class="hint" id="password-help">
                The API password is <strong>not</strong> your account password: find it at{' '}
                <SafeLink href={API_ACCESS_URL}>app.dataforseo.com/api-access</SafeLink>.
              </div>
              {savedHere && saved.secretHint && (
                <div class="saved-hint" data-testid="secret-hint">
                  Saved: {saved.secretHint}
                </div>
              )}
              {errorFor('password')}
            </div>
          </>
        ) : (
          <div class="field">
            <label for="key">AIsa API key</label>
            <input
              id="key"
              type="password"
              data-testid="key"
              autocomplete="off"
              spellcheck={false}
              placeholder={savedHere ? 'Leave empty to keep the saved key' : 'sk-aisa-…'}
              value={draft.key}
              aria-invalid={fieldError?.field === 'key'}
              aria-describedby={`key-help${fieldError?.field === 'key' ? ' key-error' : ''}`}
              onInput={(e) => props.onDraft({ key: e.currentTarget.value })}
            />
            <div class="hint" id="key-help">
              Every AIsa call is paid, including the connection test.
            </div>
            {savedHere && saved.secretHint && (
              <div class="saved-hint" data-testid="secret-hint">
                Saved: {saved.secretHint}
              </div>
            )}
            {errorFor('key')}
          </div>
        )}

        <div class="actions">
          <button type="submit" class="primary" data-testid="save-credentials" disabled={props.busy}>
            Save
          </button>
          {saved.present && !confirming && (
            <button type="button" data-testid="forget-credentials" disabled={props.busy} onClick={() => setConfirming(true)}>
              Forget credentials
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
            yes="Forget"
            yesTestId="forget-confirm"
            danger
            onYes={() => {
              setConfirming(false);
              props.onForget();
            }}
            onNo={() => setConfirming(false)}
          >
            Remove the saved credentials from this browser? Checks stop until you enter them again.
          </Confirm>
        )}
      </form>
      {props.providerFields}
    </section>
  );
}
