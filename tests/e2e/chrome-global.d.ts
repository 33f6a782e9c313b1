/** The slice of the `chrome` global the e2e tests call inside extension pages and the worker. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action: { getBadgeText(details: object): Promise<string> };
  tabs: {
    query(filter: { url?: string }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  i18n: { getMessage(name: string): string };
  /** Only on chrome://extensions: the browser's own per-extension site access switches. */
  developerPrivate: {
    removeHostPermission(extensionId: string, host: string): Promise<void>;
    addHostPermission(extensionId: string, host: string): Promise<void>;
  };
  storage: {
    local: {
      get(keys: string | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
};
