/*
 * The popup's parts its first paint does not need, in one chunk loaded after it (see later.tsx and
 * App.tsx): the collapsed details (with their styles), the opt-in trend sparkline, the Copy text and
 * the keyboard shortcut the footer mentions.
 */
export { ProfileDetails } from './ProfileDetails';
export { TrendSparkline } from './TrendSparkline';
export { summaryText } from './summary';
export { readShortcut, type ShortcutInfo } from './shortcut';
