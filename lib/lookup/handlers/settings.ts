/**
 * The settings and credentials handlers: what the options page reads (settings, which credentials
 * are stored, the prices it shows) and every write of settings or credentials, each answered with
 * the settings as they are after it.
 */
import type { PaidEndpoint } from '@/lib/dataforseo/endpoints';
import { appError, type AppError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { forgetCredentials, loadCredentials, publicCredentials, storeCredentials } from '@/lib/credentials';
import type { PublicSettings } from '@/lib/messages';
import { loadSettings, saveSettings } from '@/lib/settings/store';
import { isFree } from '@/lib/lookup/pipeline';
import type { HandlerContext, Handlers } from './context';
import { invalidSettingsNamed } from './settingsError.schema';

type SettingsHandlers = Pick<Handlers, 'getSettings' | 'saveSettings' | 'saveCredentials' | 'saveLogin' | 'forgetCredentials'>;

export function settingsHandlers(ctx: HandlerContext): SettingsHandlers {
  const { estimateCost, fail, succeed } = ctx;

  /** A credentials write; a failed one (storage full, …) answers an error: nothing was changed (one write). */
  async function savingCredentials(write: () => Promise<unknown>): Promise<{ ok: false; error: AppError } | null> {
    try {
      await write();
      return null;
    } catch (e) {
      console.error('Backlink Lens: could not save the credentials', e);
      const full = /quota|full|space|exceed/i.test(e instanceof Error ? e.message : String(e));
      return fail(
        appError(
          'internal',
          full ? t('errCredsStorageFull') : t('errCredsNotSaved'),
          true,
        ),
      );
    }
  }

  async function publicSettings(): Promise<PublicSettings> {
    const [settings, stored] = await Promise.all([loadSettings(), loadCredentials()]);
    const free = isFree(settings.provider);
    const price = (e: PaidEndpoint, rows: number) => (free ? 0 : estimateCost(e, rows));
    const quotes = {
      free,
      profile: estimateCost('profile', 1),
      anchorsPage: price('anchors', settings.anchorsPageSize),
      backlinksPage: price('backlinks', settings.backlinksPageSize),
      backlinks100: estimateCost('backlinks', 100),
      backlinks1000: estimateCost('backlinks', 1000),
    };
    return { settings, credentials: publicCredentials(stored), quotes };
  }

  return {
    getSettings: async () => succeed(await publicSettings()),
    saveSettings: async (r) => {
      try {
        await saveSettings(r.patch);
      } catch (e) {
        const named = invalidSettingsNamed(e);
        if (named !== null) {
          return fail(appError('invalid-request', t('errSettingsInvalid', named), false));
        }
        throw e;
      }
      return succeed(await publicSettings());
    },
    saveCredentials: async (r) => {
      // The provider in use follows the credentials just saved, in the same storage write.
      const saved = await savingCredentials(() => storeCredentials(r.credentials, { useProvider: r.credentials.provider }));
      return saved ?? succeed(await publicSettings());
    },
    saveLogin: async (r) => {
      const stored = await loadCredentials();
      if (!stored || stored.provider === 'aisa') {
        return fail(
          appError('invalid-request', t('errNoLoginSaved'), false),
        );
      }
      const provider = r.provider ?? stored.provider;
      // The provider in use follows the saved credentials, in the same write, as for saveCredentials.
      const saved = await savingCredentials(() => storeCredentials({ ...stored, provider, login: r.login }, { useProvider: provider }));
      return saved ?? succeed(await publicSettings());
    },
    forgetCredentials: async () => {
      await forgetCredentials();
      return succeed(await publicSettings());
    },
  };
}
