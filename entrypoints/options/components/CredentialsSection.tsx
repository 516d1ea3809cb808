import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { PublicSettings } from '@/lib/messages';
import { PROVIDERS, type Provider } from '@/lib/providers';
import { SafeLink } from '@/components/common/SafeLink';
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

  // What both secret fields (API password, AIsa key) share: the draft, the saved hint, the field's error.
  const secret = {
    draft,
    hint: savedHere ? saved.secretHint : null,
    error: errorFor,
    invalid: (field: 'password' | 'key') => fieldError?.field === field,
    onDraft: props.onDraft,
  };

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
            <SecretField
              field="password"
              label={t('optionsApiPassword')}
              autocomplete="new-password"
              placeholder={savedHere ? t('optionsKeepPassword') : ''}
              help={tParts('optionsPasswordHelp', <strong>{t('optionsPasswordHelpNot')}</strong>, <SafeLink href={API_ACCESS_URL}>app.dataforseo.com/api-access</SafeLink>)}
              {...secret}
            />
          </>
        ) : (
          <SecretField
            field="key"
            label={t('optionsAisaKey')}
            autocomplete="off"
            placeholder={savedHere ? t('optionsKeepKey') : 'sk-aisa-…'}
            help={t('optionsAisaKeyHelp')}
            {...secret}
          />
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

/** A secret input (the API password or the AIsa key): never shows the saved secret, only its hint. */
function SecretField(props: {
  field: 'password' | 'key';
  label: string;
  autocomplete: string;
  placeholder: string;
  help: ComponentChildren;
  draft: CredentialsDraft;
  hint: string | null | undefined;
  error: (field: 'password' | 'key') => ComponentChildren;
  invalid: (field: 'password' | 'key') => boolean;
  onDraft: (patch: Partial<CredentialsDraft>) => void;
}) {
  const { field } = props;
  return (
    <div class="field">
      <label for={field}>{props.label}</label>
      <input
        id={field}
        type="password"
        data-testid={field}
        autocomplete={props.autocomplete}
        spellcheck={false}
        placeholder={props.placeholder}
        value={props.draft[field]}
        aria-invalid={props.invalid(field)}
        aria-describedby={`${field}-help${props.invalid(field) ? ` ${field}-error` : ''}`}
        onInput={(e) => props.onDraft({ [field]: e.currentTarget.value })}
      />
      <div class="hint" id={`${field}-help`}>
        {props.help}
      </div>
      {props.hint && (
        <div class="saved-hint" data-testid="secret-hint">
          {t('optionsSecretHint', props.hint)}
        </div>
      )}
      {props.error(field)}
    </div>
  );
}
