import '../../components/ui.css';
import { render } from 'preact';
import { SidePanelApp } from '../../components/SidePanelApp';
import { applyDocumentLanguage } from '../../lib/i18n';

applyDocumentLanguage();
const root = document.getElementById('app');
if (root) render(<SidePanelApp />, root);
