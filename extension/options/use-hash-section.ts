import { useEffect, useState } from 'preact/hooks';
import { type SettingsSection, sectionFromHash } from '../../src/ui/settings-sections';

/** The section the address names, kept in step with it: links, back and forward all change the hash. */
export function useHashSection(): SettingsSection {
  const [section, setSection] = useState(() => sectionFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return section;
}
