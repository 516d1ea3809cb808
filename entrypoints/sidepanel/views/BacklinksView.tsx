import { useState } from 'preact/hooks';
import type { Backlink } from '@/lib/model';
import { BacklinkCard } from '@/entrypoints/sidepanel/components/BacklinkCard';
import { BacklinkLine, BacklinkTableHead } from '@/entrypoints/sidepanel/components/BacklinkLine';
import { BacklinksControls } from '@/entrypoints/sidepanel/components/Controls';
import { ListFrame } from '@/entrypoints/sidepanel/components/ListFrame';
import { LayoutSwitch, useLayout } from '@/entrypoints/sidepanel/components/LayoutSwitch';
import { DEFAULT_VIEW, firstBacklinksParams, sameView, type BacklinksView as Choice } from '@/entrypoints/sidepanel/panelState';
import { usePagedList } from '@/entrypoints/sidepanel/usePagedList';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import { t } from '@/lib/i18n';

const viewKey = (v: Choice) =>
  JSON.stringify([v.sort, v.dir, v.mode, v.filters.dofollowOnly, v.filters.newOnly, v.filters.lostOnly, v.filters.brokenOnly, v.filters.itemType, v.filters.text.trim()]);

/** The backlinks of the target: sort, grouping and filters; a dense table or cards. */
export default function BacklinksView(props: ViewProps) {
  const [choice, setChoice] = useKeptState<Choice>(props.store.keep('backlinks.choice'), DEFAULT_VIEW);
  const [layout, setLayout] = useLayout();
  const [expanded, setExpanded] = useState<{ key: string; rows: ReadonlySet<number> }>({ key: '', rows: new Set() });
  const { target, settings } = props;
  const list = usePagedList('backlinks', {
    key: `${target.scope}|${target.value}|${viewKey(choice)}`,
    params: firstBacklinksParams(target, settings.settings, choice),
    mode: props.armed ? 'normal' : 'cacheOnly',
    enabled: props.active,
    onSpend: props.arm,
    keep: props.store.keep('backlinks.list'),
  });

  // Expanded rows belong to one loaded list.
  const listId = `${list.requestId}`;
  const open = expanded.key === listId ? expanded.rows : new Set<number>();
  const toggle = (index: number) =>
    setExpanded((prev) => {
      const next = new Set(prev.key === listId ? prev.rows : []);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return { key: listId, rows: next };
    });
  const grouped = choice.mode === 'one_per_domain';
  const table = layout === 'table';

  return (
    <>
      <BacklinksControls view={choice} onChange={setChoice} />
      <ListFrame
        list={list}
        target={target}
        nouns={{ total: 'panelBacklinksTotal', noSaved: 'panelBacklinksNoSaved', label: 'panelTabBacklinks' }}
        emptyText={sameView(choice, DEFAULT_VIEW) ? t('panelBacklinksNone') : t('panelBacklinksNoMatch')}
        estimate={table ? 25 : 132}
        listClass={table ? 'bt' : undefined}
        head={table ? <BacklinkTableHead /> : undefined}
        tools={<LayoutSwitch layout={layout} onChange={setLayout} />}
        renderRow={(item: Backlink, index) =>
          table ? (
            <BacklinkLine item={item} index={index} expanded={open.has(index)} onToggle={toggle} grouped={grouped} />
          ) : (
            <BacklinkCard item={item} index={index} expanded={open.has(index)} onToggle={toggle} grouped={grouped} />
          )
        }
      />
    </>
  );
}
