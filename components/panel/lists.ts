/**
 * The list views and the virtualizer they use, as one module the side panel loads on demand: the
 * header and controls render at once, the rows when the first page arrives.
 */
export { VirtualList } from './VirtualList';
export { BacklinkRow } from './BacklinkRow';
export { AnchorRow } from './AnchorRow';
