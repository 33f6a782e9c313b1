import { browser } from 'wxt/browser';

interface SessionArea {
  setAccessLevel?(details: {
    accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
  }): Promise<void>;
}

/**
 * storage.session stays closed to content scripts. That is Chrome's default; saying it here keeps it so if
 * the default or our code ever changes. Firefox has no access levels (its content scripts cannot use
 * storage.session), hence the optional call.
 */
export function keepSessionStorageTrusted(): void {
  const session = browser.storage.session as unknown as SessionArea | undefined;
  session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {
    console.error('Ringside: could not restrict session storage to extension pages');
  });
}
