import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Sandbox, startSandbox } from '../sandbox/server';

/** What tests read of the running sandbox; starting, resetting and closing it are the hooks' job. */
export type RunningSandbox = Omit<Sandbox, 'reset' | 'close'>;

/**
 * Starts the sandbox CRM server before the tests of the calling file or describe block, closes it after them,
 * and before each test empties the fake browser and re-seeds the sandbox, so every test starts from the seed
 * data with nothing stored. The server exists only once the hooks run: the returned object reads it lazily.
 */
export function useSandbox(): RunningSandbox {
  let running: Sandbox | undefined;
  const current = (): Sandbox => {
    if (!running)
      throw new Error('The sandbox runs only inside the tests (and hooks) that called useSandbox().');
    return running;
  };
  beforeAll(async () => {
    running = await startSandbox();
  });
  afterAll(() => running?.close());
  beforeEach(() => {
    fakeBrowser.reset();
    current().reset();
  });
  return {
    get url() {
      return current().url;
    },
    get closeApiUrl() {
      return current().closeApiUrl;
    },
    get state() {
      return current().state;
    },
    get faults() {
      return current().faults;
    },
    get requests() {
      return current().requests;
    },
    api: (provider) => current().api(provider),
  };
}
