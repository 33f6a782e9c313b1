import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, siteOf } from '../../lib/store/settings';

describe('readSettings', () => {
  it('keeps what is valid and drops what is not, field by field', () => {
    expect(
      readSettings({ defaultCountry: 'GB', leaveTelLinks: true, disabledSites: ['https://a.example', 4] }),
    ).toEqual({
      defaultCountry: 'GB',
      leaveTelLinks: true,
      disabledSites: ['https://a.example'],
    });
    expect(readSettings({ defaultCountry: 'XX', leaveTelLinks: 'yes', disabledSites: 'all' })).toEqual(
      DEFAULT_SETTINGS,
    );
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('siteOf', () => {
  it('is the scheme and host of web pages only', () => {
    expect(siteOf('https://app.close.com/lead/1/?x=1')).toBe('https://app.close.com');
    expect(siteOf('http://127.0.0.1:4010/leads/')).toBe('http://127.0.0.1:4010');
    expect(siteOf('chrome-extension://abc/sidepanel.html')).toBeUndefined();
    expect(siteOf('not a url')).toBeUndefined();
  });
});
