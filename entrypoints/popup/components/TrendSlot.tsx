import type { LookupTarget } from '@/lib/params.schema';
import type { Settings } from '@/lib/settings/fields';

export interface TrendProps {
  target: LookupTarget;
  settings: Settings;
  /** Changes with each answered check: the trend is asked with it. */
  checkKey: string;
  /** The check's profile was just asked (a first check or Refresh): the trend is asked afresh too, as its estimate says. */
  fresh: boolean;
}
