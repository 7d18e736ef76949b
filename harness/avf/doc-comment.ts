/**
 * Returns the text of a `/** ... *\/` comment without its markers and the leading asterisk of each
 * line, with whitespace collapsed, so that AIDL and Java doc comments compare as sentences.
 */
export function docCommentText(comment: string): string {
  return comment
    .slice(3, -2)
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
