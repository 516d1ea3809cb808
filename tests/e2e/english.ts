/**
 * The specs run in Node, where the extension's constants that hold sentences (refusals, menu titles) are
 * read through `t()` with no browser i18n API: install the English catalog there, as the unit tests do
 * (tests/unit/setup.ts). The browsers themselves are started in English (harness.ts), so what a spec
 * reads from a page is the English catalog too.
 */
import { setFallbackMessages } from '../../lib/i18n.ts';
import { catalog } from '../../lib/messages/catalog.ts';

setFallbackMessages(catalog('en'));
