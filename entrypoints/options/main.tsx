import '../../components/ui.css';
import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import { applyDocumentLanguage, t } from '../../lib/i18n';

applyDocumentLanguage();
// Extension pages' HTML is not localized by the browser: the title comes from the catalogue here.
document.title = t('options_pageTitle');
const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
