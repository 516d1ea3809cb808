import { AnchorRow } from '@/entrypoints/sidepanel/components/AnchorRow';
import { AnchorsControls, type AnchorsView as Choice } from '@/entrypoints/sidepanel/components/Controls';
import { ListFrame } from '@/entrypoints/sidepanel/components/ListFrame';
import { firstAnchorsParams } from '@/entrypoints/sidepanel/panelState';
import { usePagedList } from '@/entrypoints/sidepanel/usePagedList';
import type { ViewProps } from '@/entrypoints/sidepanel/viewProps';
import { useKeptState } from '@/entrypoints/sidepanel/panelStore';
import { t } from '@/lib/i18n';

/** The anchor texts of the target's backlinks, sorted and filtered by the API. */
export default function AnchorsView(props: ViewProps) {
  const [choice, setChoice] = useKeptState<Choice>(props.store.keep('anchors.choice'), { sort: 'backlinks', text: '' });
  const { target, settings } = props;
  const list = usePagedList('anchors', {
    key: `${target.scope}|${target.value}|${choice.sort}|${choice.text}`,
    params: firstAnchorsParams(target, settings.settings, choice.sort, choice.text),
    mode: props.armed ? 'normal' : 'cacheOnly',
    enabled: props.active,
    onSpend: props.arm,
    keep: props.store.keep('anchors.list'),
  });
  return (
    <>
      <AnchorsControls view={choice} onChange={setChoice} />
      <ListFrame
        list={list}
        target={target}
        nouns={{ total: 'panelAnchorsTotal', noSaved: 'panelAnchorsNoSaved', label: 'panelTabAnchors' }}
        emptyText={choice.text ? t('panelAnchorsNoMatch') : t('panelAnchorsNone')}
        estimate={58}
        renderRow={(item) => <AnchorRow item={item} />}
      />
    </>
  );
}
