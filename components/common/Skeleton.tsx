/** A grey placeholder block while something loads. */
export function Skeleton(props: { width?: string; height?: string }) {
  return <div class="skeleton" aria-hidden="true" style={{ width: props.width ?? '100%', height: props.height ?? '12px' }} />;
}
