import { render } from 'preact';
render(<div>sidepanel</div>, document.getElementById('app')!);
