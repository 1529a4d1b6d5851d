/** The Settings page's sections, in menu order; each is reached by its hash (`index.html#models`). */
export const SETTINGS_SECTIONS = [
  { id: 'models', label: 'Models', title: 'Assistant models' },
  { id: 'servers', label: 'MCP servers', title: 'MCP servers' },
  { id: 'assistants', label: 'Desktop assistants', title: 'Desktop assistants' },
  { id: 'sites', label: 'Sites', title: 'Sites' },
  { id: 'approvals', label: 'Approvals', title: 'Approvals' },
  { id: 'activity', label: 'Activity', title: 'Activity' },
  { id: 'advanced', label: 'Advanced', title: 'Advanced' },
] as const;

export type SettingsSection = (typeof SETTINGS_SECTIONS)[number]['id'];

/** Hashes earlier versions linked to, so an old bookmark still lands where it meant. */
const OLD_HASHES: Record<string, SettingsSection> = {
  desktop: 'assistants',
  preferences: 'advanced',
  transfer: 'advanced',
};

/** The section a hash names; anything else (none, unknown) is the first, Models. */
export function sectionFromHash(hash: string): SettingsSection {
  const id = hash.replace(/^#/, '');
  return SETTINGS_SECTIONS.find((s) => s.id === id)?.id ?? OLD_HASHES[id] ?? 'models';
}

/** The side menu: plain links, so the browser's back and forward walk the sections. */
export function SettingsNav({ active }: { active: SettingsSection }) {
  return (
    <nav class="settings-nav" aria-label="Settings sections">
      <ul>
        {SETTINGS_SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} aria-current={s.id === active ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
