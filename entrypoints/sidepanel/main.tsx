import '../../components/ui.css';
import { render } from 'preact';
import { SidePanelApp } from '../../components/SidePanelApp';

const root = document.getElementById('app');
if (root) render(<SidePanelApp />, root);
