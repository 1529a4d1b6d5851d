/**
 * "Let assistants see and manage tabs": the built-in browser tools (tabs_list, tab_open, tab_activate,
 * tab_navigate, tab_close), off by default like every grant. The list names only tabs of sites that share
 * something; opening, switching, navigating and closing ask each time.
 */
export function BrowserTabsSwitch({
  enabled,
  onChange,
}: {
  enabled: boolean;
  onChange(enabled: boolean): void;
}) {
  return (
    <div class="grant-row browser-tabs">
      <div class="grant-text">
        <label for="browser-tabs">
          <span class="name">Let assistants see and manage tabs</span>
        </label>
        <p class="desc" id="browser-tabs-desc">
          They see only tabs of sites you shared something with (the others are only counted). Opening,
          switching, navigating or closing a tab asks you each time unless you choose Always allow.
        </p>
      </div>
      <input
        id="browser-tabs"
        class="switch"
        type="checkbox"
        role="switch"
        checked={enabled}
        aria-checked={enabled}
        aria-describedby="browser-tabs-desc"
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
    </div>
  );
}
