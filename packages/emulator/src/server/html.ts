/**
 * The emulator's one HTML escaper, for page text, attribute values and the cells of
 * `SqlSearchResultData` (HAC escapes `& < > " '`, the quote as `&#39;`).
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
