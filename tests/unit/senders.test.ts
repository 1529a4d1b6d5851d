import { describe, expect, it } from 'vitest';
import { contentSender, isOwnExtensionPage } from '../../src/host/senders';

const self = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
};

describe('sender checks', () => {
  it('accepts our own extension pages as assistants and nothing else', () => {
    expect(
      isOwnExtensionPage({ id: self.id, origin: self.origin, url: `${self.origin}/popup.html` }, self),
    ).toBe(true);
    expect(isOwnExtensionPage({ id: self.id, url: `${self.origin}/sidepanel.html` }, self)).toBe(true);
    // Our content script in a page: same extension id, but the page's origin.
    expect(
      isOwnExtensionPage({ id: self.id, origin: 'https://evil.example', tab: { id: 3 }, frameId: 0 }, self),
    ).toBe(false);
    // Another extension's page.
    expect(isOwnExtensionPage({ id: 'other', origin: 'chrome-extension://other' }, self)).toBe(false);
    expect(isOwnExtensionPage({ id: 'other', origin: self.origin }, self)).toBe(false);
    expect(isOwnExtensionPage(undefined, self)).toBe(false);
    expect(isOwnExtensionPage({ id: self.id, url: 'not a url' }, self)).toBe(false);
  });

  it('accepts our content script in the top frame of an http(s) tab, with the origin Chrome reports', () => {
    expect(
      contentSender({ id: self.id, origin: 'https://shop.example', tab: { id: 7 }, frameId: 0 }, self),
    ).toEqual({
      tabId: 7,
      frameId: 0,
      origin: 'https://shop.example',
    });
    expect(
      contentSender({ id: self.id, url: 'http://127.0.0.1:4173/a?b', tab: { id: 7 }, frameId: 0 }, self)
        ?.origin,
    ).toBe('http://127.0.0.1:4173');
    // An embedded frame is a content sender too, with its own origin and document (admission is separate).
    expect(
      contentSender(
        { id: self.id, origin: 'https://maps.example', tab: { id: 7 }, frameId: 3, documentId: 'D1' },
        self,
      ),
    ).toEqual({ tabId: 7, frameId: 3, origin: 'https://maps.example', documentId: 'D1' });
    for (const bad of [
      { id: self.id, origin: 'https://shop.example', tab: { id: 7 } }, // no frame id
      { id: self.id, origin: 'https://shop.example', frameId: 0 }, // no tab: not a content script
      { id: self.id, origin: self.origin, tab: { id: 7 }, frameId: 0 }, // an extension page in a tab
      { id: self.id, origin: 'file://', tab: { id: 7 }, frameId: 0 },
      { id: self.id, origin: 'null', tab: { id: 7 }, frameId: 0 },
      { id: 'other', origin: 'https://shop.example', tab: { id: 7 }, frameId: 0 },
      { id: self.id, origin: 'https://shop.example', tab: { id: -1 }, frameId: 0 },
    ]) {
      expect(contentSender(bad, self), JSON.stringify(bad)).toBeUndefined();
    }
  });
});
