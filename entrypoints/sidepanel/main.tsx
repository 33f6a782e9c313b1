import '../../components/ui.css';
import { render } from 'preact';
import { SidePanelApp } from '../../components/SidePanelApp';
import { applyDocumentLanguage, t } from '../../lib/i18n';

applyDocumentLanguage();
// Extension pages' HTML is not localized by the browser: the title comes from the catalogue here.
document.title = t('extName');
const root = document.getElementById('app');
if (root) render(<SidePanelApp />, root);
