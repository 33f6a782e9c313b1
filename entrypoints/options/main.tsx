import '../../components/ui.css';
import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
