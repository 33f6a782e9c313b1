import { describe, expect, it } from 'vitest';
import { webUrl } from '../../lib/safe-url';

describe('webUrl', () => {
  it('keeps web addresses', () => {
    expect(webUrl('https://app.close.com/lead/lead_1/')).toBe('https://app.close.com/lead/lead_1/');
    expect(webUrl('http://127.0.0.1:4000/lead/x/')).toBe('http://127.0.0.1:4000/lead/x/');
  });

  it('drops script, data and other schemes, however they are written', () => {
    for (const hostile of [
      'javascript:window.__pwned=1',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'chrome-extension://abc/options.html',
      '/relative/path',
      '',
      undefined,
    ]) {
      expect(webUrl(hostile), String(hostile)).toBeUndefined();
    }
  });
});
