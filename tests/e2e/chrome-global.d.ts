/** The slice of the `chrome` global the e2e tests call inside extension pages and the worker. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action: { getBadgeText(details: object): Promise<string> };
  storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
};
