export interface PageMetadata {
  url: string;
  title: string;
  description: string | null;
  language: string | null;
}

/** Cheap metadata straight from the document head; no extractor needed. */
export function readMetadata(doc: Document, url: string): PageMetadata {
  const meta = (selector: string) => doc.querySelector<HTMLMetaElement>(selector)?.content?.trim() || null;
  return {
    url,
    title: doc.title || meta('meta[property="og:title"]') || '',
    description:
      meta('meta[name="description"]') ??
      meta('meta[property="og:description"]') ??
      meta('meta[name="twitter:description"]'),
    language: doc.documentElement.lang || meta('meta[http-equiv="content-language"]') || null,
  };
}
