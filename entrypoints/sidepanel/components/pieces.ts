/**
 * A translated sentence with one part drawn differently (a link, a <strong>): the message is asked
 * for with MARK as that placeholder's value and split around it, so each language keeps its own word
 * order; the pieces are rendered as text, never as markup.
 */
export const MARK = '\uE000';

/** The text before and after MARK (after is '' when the message ends with it). */
export function around(message: string): [before: string, after: string] {
  const at = message.indexOf(MARK);
  return at < 0 ? [message, ''] : [message.slice(0, at), message.slice(at + MARK.length)];
}
