import { render } from 'preact';
render(<div>popup</div>, document.getElementById('app')!);
