/** A short estimate for buttons: 0.023 → "$0.023", 0.05 → "$0.05", 1.234 → "$1.23". */
export function approxMoney(usd: number): string {
  if (!Number.isFinite(usd) || usd <= 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  const text = usd < 0.01 ? usd.toFixed(4) : usd.toFixed(3);
  return `$${text.replace(/(\.\d*?[1-9])0+$/, '$1').replace(/\.0+$/, '')}`;
}
