/**
 * Records `tel:` hand-offs instead of launching them. A real launch opens Chrome's "open the phone
 * app?" prompt, which nobody answers in a headless run and which then swallows the page's input.
 */
export const RECORD_HAND_OFFS = `
  window.__handedOff = [];
  HTMLAnchorElement.prototype.click = new Proxy(HTMLAnchorElement.prototype.click, {
    apply: (click, link, args) =>
      link.protocol === 'tel:' ? void window.__handedOff.push(link.href) : Reflect.apply(click, link, args),
  });
`;
