/**
 * Markdown as words to be spoken: what a screen reader should hear of a reply announced in a
 * live region, without the asterisks and hashes that only mean something on screen.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Nodes } from 'mdast';

// Blocks whose children are blocks of their own: those are read one after another, with a
// pause (a space) between them rather than run together.
const CONTAINERS = new Set(['root', 'list', 'listItem', 'blockquote']);

function spoken(node: Nodes): string {
  if (CONTAINERS.has(node.type) && 'children' in node) {
    return (node.children as Nodes[])
      .map(spoken)
      .filter((s) => s.length > 0)
      .join(' ');
  }
  return toString(node).replace(/\s+/g, ' ').trim();
}

export function spokenText(markdown: string): string {
  return spoken(fromMarkdown(markdown));
}
