import type { ComponentChildren } from 'preact';
import { capText, displayUrl, linkHref, TITLE_CAP } from '@/lib/display';

/**
 * A link only when the URL is http(s) (userinfo dropped); otherwise the text, inert. Opens in a new
 * tab without opener/referrer. Without children it shows the URL by the display rules, capped.
 */
export function SafeLink(props: { href: string | null | undefined; children?: ComponentChildren; class?: string; title?: string }) {
  const href = linkHref(props.href);
  const shown = displayUrl(props.href);
  const content = props.children ?? capText(shown).text;
  const title = capText(props.title ?? shown, TITLE_CAP).text;
  if (!href) return <span class={props.class} title={title}>{content}</span>;
  return (
    <a class={props.class} href={href} target="_blank" rel="noopener noreferrer" title={title}>
      {content}
    </a>
  );
}
