import { Skeleton } from '@/components/common/Skeleton';

export function HeadlineSkeleton() {
  return (
    <div class="p-stats" data-testid="loading">
      {[0, 1, 2].map((i) => (
        <div class="p-stat" key={i}>
          <Skeleton width="60%" height="10px" />
          <Skeleton width="80%" height="22px" />
        </div>
      ))}
    </div>
  );
}

export function AnchorsSkeleton() {
  return (
    <div class="p-anchors-skeleton">
      {[0, 1, 2, 3, 4].map((i) => (
        <Skeleton key={i} height="14px" width={`${90 - i * 8}%`} />
      ))}
    </div>
  );
}
