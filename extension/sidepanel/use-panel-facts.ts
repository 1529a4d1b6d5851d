import { useEffect, useState } from 'preact/hooks';
import type { PanelFacts } from '../../src/assistant/apps/app-host-context';

const DARK = '(prefers-color-scheme: dark)';

/** What apps are told of the panel (theme.css follows prefers-color-scheme, so the theme does too). */
export function usePanelFacts(): PanelFacts {
  const read = (): PanelFacts => ({
    dark: matchMedia(DARK).matches,
    locale: navigator.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    width: document.documentElement.clientWidth,
  });
  const [facts, setFacts] = useState(read);
  useEffect(() => {
    const update = () => setFacts(read());
    const media = matchMedia(DARK);
    media.addEventListener('change', update);
    window.addEventListener('resize', update);
    return () => {
      media.removeEventListener('change', update);
      window.removeEventListener('resize', update);
    };
  }, []);
  return facts;
}
