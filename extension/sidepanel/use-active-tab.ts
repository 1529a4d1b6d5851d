import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';

/** The tab the side panel sits next to (`?tab=<id>` when opened as a page, as in tests). */
export function useActiveTab(): number | undefined {
  const [tabId, setTabId] = useState<number>();
  useEffect(() => {
    const param = new URLSearchParams(location.search).get('tab');
    if (param && /^\d+$/.test(param)) {
      setTabId(Number(param));
      return;
    }
    const update = () =>
      void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id));
    update();
    browser.tabs.onActivated.addListener(update);
    return () => browser.tabs.onActivated.removeListener(update);
  }, []);
  return tabId;
}
