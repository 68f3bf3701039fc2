/**
 * A data table that scrolls sideways on narrow windows. The scrolling box is a focusable region
 * named by the table's caption, so keyboard users can scroll it and screen readers say what it is.
 */
import { useId, type ReactNode } from 'react';

export function ScrollTable({ caption, className, children }: { caption: string; className?: string; children: ReactNode }) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
