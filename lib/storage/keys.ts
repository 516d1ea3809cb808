/**
 * The names of the storage keys pages read themselves (lib/storage/registry.ts lists them with
 * everything else; this file stays tiny so page bundles carry only these strings).
 */
export const POPUP_SCOPE_KEY = 'popupScope';
export const PANEL_PREFIX = 'panel:';
