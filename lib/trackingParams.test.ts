import { describe, expect, it } from 'vitest';
import { checkLookupTarget, parseTarget } from './target';
import { isTrackingParam, stripTrackingParams, TRACKING_PARAMS } from './trackingParams';

/** Real-world tagged addresses → the page target (value and display) that is checked. */
const PAGES: [tagged: string, value: string, display: string][] = [
  [
    'https://www.nytimes.com/2024/05/01/technology/ai-search.html?utm_source=newsletter&utm_medium=email&utm_campaign=tech',
    'https://www.nytimes.com/2024/05/01/technology/ai-search.html',
    'https://www.nytimes.com/2024/05/01/technology/ai-search.html',
  ],
  [
    'https://www.amazon.com/dp/B08N5WRWNW?ref_=ast_sto_dp&th=1&psc=1&gclid=Cj0KCQjw-ai0BhDPARIsAB6hmP5',
    'https://www.amazon.com/dp/B08N5WRWNW?ref_=ast_sto_dp&th=1&psc=1',
    'https://www.amazon.com/dp/B08N5WRWNW?ref_=ast_sto_dp&th=1&psc=1',
  ],
  [
    'https://example.com/blog/post?fbclid=IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB0XX1b&id=42',
    'https://example.com/blog/post?id=42',
    'https://example.com/blog/post?id=42',
  ],
  [
    'https://shop.example.co.uk/item?colour=red&msclkid=5a1b2c3d4e5f&size=m&mc_eid=abc123&mc_cid=def456',
    'https://shop.example.co.uk/item?colour=red&size=m',
    'https://shop.example.co.uk/item?colour=red&size=m',
  ],
  [
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=x&utm_source=share&igshid=MzRlODBiNWFlZA==',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=x',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=x',
  ],
  [
    'https://blog.hubspot.com/marketing/seo?_hsenc=p2ANqtz-8abc&_hsmi=123456&hubs_content=x',
    'https://blog.hubspot.com/marketing/seo?hubs_content=x',
    'https://blog.hubspot.com/marketing/seo?hubs_content=x',
  ],
  [
    'https://twitter.com/user/status/1?ref_src=twsrc%5Etfw&twclid=2-abc',
    'https://twitter.com/user/status/1',
    'https://twitter.com/user/status/1',
  ],
  [
    'https://example.org/a?_ga=2.1234.5678&_gl=1*abc*_ga*MTIz&q=caf%C3%A9+au+lait#section',
    'https://example.org/a?q=caf%C3%A9+au+lait',
    'https://example.org/a?q=café+au+lait',
  ],
  [
    'https://example.com/landing?UTM_Source=Google&yclid=1&dclid=2&gbraid=3&wbraid=4&ttclid=5&li_fat_id=6&mkt_tok=7&vero_id=8&oly_anon_id=9&oly_enc_id=10',
    'https://example.com/landing',
    'https://example.com/landing',
  ],
  // No tracking parameters: unchanged, byte for byte (empty pairs and odd encodings included).
  ['https://example.com/search?q=a%20b&&page=2&sort=', 'https://example.com/search?q=a%20b&&page=2&sort=', 'https://example.com/search?q=a%20b&&page=2&sort='],
  // Names that only look similar stay.
  ['https://example.com/p?utmost=1&gclid_x=2&my_utm_source=3', 'https://example.com/p?utmost=1&gclid_x=2&my_utm_source=3', 'https://example.com/p?utmost=1&gclid_x=2&my_utm_source=3'],
];

describe('page targets lose their tracking parameters', () => {
  it.each(PAGES)('%s', (tagged, value, display) => {
    const r = parseTarget(tagged);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.site.page.value).toBe(value);
    expect(r.site.page.display).toBe(display);
    // The cleaned target is what the worker accepts, and cleaning it again changes nothing.
    expect(checkLookupTarget(r.site.page)).toBeNull();
    const again = parseTarget(value);
    expect(again.ok && again.site.page.value).toBe(value);
  });

  it('an uncleaned page target arriving in a message is refused by the worker', () => {
    const raw = 'https://example.com/blog/post?id=42&utm_source=x';
    expect(checkLookupTarget({ scope: 'page', value: raw, display: raw })).not.toBeNull();
  });

  it('domain and host targets are unaffected', () => {
    const r = parseTarget('https://www.blog.example.com/x?utm_source=a');
    expect(r.ok && [r.site.domain.value, r.site.host.value]).toEqual(['example.com', 'blog.example.com']);
  });

  it('keepTracking leaves the address as it was', () => {
    const r = parseTarget('https://example.com/a?utm_source=x&id=1', { keepTracking: true });
    expect(r.ok && r.site.page.value).toBe('https://example.com/a?utm_source=x&id=1');
  });
});

describe('stripTrackingParams', () => {
  it.each([
    ['', ''],
    ['?', '?'],
    ['?a=1', '?a=1'],
    ['?utm_source=x', ''],
    ['?utm_source=x&utm_medium=y', ''],
    ['?a=1&utm_source=x&b=2', '?a=1&b=2'],
    ['?b=2&a=1&fbclid=z', '?b=2&a=1'],
    ['?a=1&&gclid=x', '?a=1'],
    ['?utm%5Fsource=x&a=1', '?a=1'],
    ['?fbclid&a', '?a'],
    ['?a=%E0%A4%A', '?a=%E0%A4%A'],
    ['?%E0%A4%A=1&utm_id=2', '?%E0%A4%A=1'],
  ])('%j → %j', (input, output) => {
    expect(stripTrackingParams(input)).toBe(output);
  });

  it('the list holds the known names, and every utm_ name matches', () => {
    for (const name of ['gclid', 'dclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'mc_eid', 'mc_cid', 'yclid', '_ga', '_gl', 'igshid', 'twclid', 'ttclid', 'li_fat_id', 'oly_anon_id', 'oly_enc_id', 'vero_id', '_hsenc', '_hsmi', 'mkt_tok', 'ref_src'])
      expect(TRACKING_PARAMS).toContain(name);
    expect(TRACKING_PARAMS).toContain('utm_*');
    for (const name of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id', 'UTM_SOURCE', 'utm_anything'])
      expect(isTrackingParam(name)).toBe(true);
    for (const name of ['q', 'id', 'page', 'ref', 'utm', 'source', 'gclid2', 'v']) expect(isTrackingParam(name)).toBe(false);
  });
});
