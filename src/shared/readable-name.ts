/**
 * A name written for code made readable for a person: "search_article", "searchArticle" and
 * "search-article" → "Search article"; "maxTokens" → "Max tokens". Short all-caps words stay as they are
 * ("URL", "userID" → "User ID"). The popup, the side panel and the approval window all name a tool that
 * has no title, and an argument, this one way.
 */
export function readableName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.:/]+/)
    .filter(Boolean)
    .map((w) => (w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase()));
  if (words.length === 0) return name;
  const [first = '', ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/** A URL's or origin's host as people read it ("127.0.0.1:4173"), or undefined when it is not a URL. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
