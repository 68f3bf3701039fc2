/**
 * Markdown for tutor replies, learner messages and module text that can never execute markup
 * (DESIGN.md §7). react-markdown without rehype-raw turns raw HTML into literal text, so
 * `<script>` or `<img onerror>` show as the characters typed. Links do not navigate (the
 * renderer must never leave the app): they render as text with the address beside them.
 * Images render as their description: nothing is fetched.
 */
import { memo } from 'react';
import Markdown, { type Components } from 'react-markdown';
import { t } from '../i18n/index.ts';

function textOf(children: unknown): string {
  if (typeof children === 'string') return children;
  if (Array.isArray(children)) return children.map(textOf).join('');
  return '';
}

const components: Components = {
  a({ children, href }) {
    const label = textOf(children);
    const showHref = href && href !== label && !href.startsWith('#');
    return (
      <span className="md-link">
        {children}
        {showHref ? <span className="md-link__href"> ({href})</span> : null}
      </span>
    );
  },
  img({ alt }) {
    return <span className="md-image">[{alt || t.common.image}]</span>;
  },
};

export const SafeMarkdown = memo(function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown components={components}>{text}</Markdown>
    </div>
  );
});
