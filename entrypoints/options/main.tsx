import { render } from 'preact';
render(<div>options</div>, document.getElementById('app')!);
