import '../../components/ui.css';
import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import { applyDocumentLanguage } from '../../lib/i18n';

applyDocumentLanguage();
const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
