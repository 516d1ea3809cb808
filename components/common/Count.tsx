import { formatCount, formatExact } from '@/lib/format';

/** A big number for reading (12.4K) with the exact figure on hover. */
export function Count(props: { value: number | null | undefined; class?: string }) {
  return (
    <span class={`num ${props.class ?? ''}`} title={formatExact(props.value)}>
      {formatCount(props.value)}
    </span>
  );
}
