import type { CDPSession, Page } from '@playwright/test';

/**
 * Runs code inside Ringside's content script world on a page: the isolated world Chromium creates for the
 * extension, found over the DevTools protocol. What runs there has exactly the content script's powers,
 * which is what a compromised renderer (or a bug in our content script) could use.
 */

interface ExecutionContext {
  id: number;
  name: string;
  origin: string;
  auxData?: { type?: string; isDefault?: boolean; frameId?: string };
}

export interface ContentWorld {
  /** The isolated world's name as Chromium reports it (the extension's name). */
  name: string;
  /** Evaluates an expression (a promise is awaited) and returns its value as JSON. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  cdp: CDPSession;
}

export async function contentScriptWorld(page: Page, extensionId: string): Promise<ContentWorld> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: ExecutionContext }) => {
    contexts.push(event.context);
  });
  // Enabling reports every context that already exists; the content script has run by now.
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  let world: ExecutionContext | undefined;
  while (!world) {
    world = contexts.find(
      (context) =>
        context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${extensionId}`,
    );
    if (world) break;
    if (Date.now() > deadline)
      throw new Error(`no isolated world of ${extensionId} among ${contexts.length}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const contextId = world.id;
  return {
    name: world.name,
    cdp,
    async evaluate<T>(expression: string): Promise<T> {
      const answer = (await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { exception?: { description?: string } } };
      if (answer.exceptionDetails) {
        throw new Error(answer.exceptionDetails.exception?.description ?? 'evaluation failed');
      }
      return answer.result.value as T;
    },
  };
}
