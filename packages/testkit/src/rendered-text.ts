// Job summary Markdown as a reader sees it rendered, so the actions' tests assert the words rather than the escaping.

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/** Markdown backslash escapes and HTML entities undone. */
export const renderedText = (markdown: string): string =>
  markdown.replace(/\\(.)/g, '$1').replace(/&(?:lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
