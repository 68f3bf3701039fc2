/** Label–value pairs shown as a description list, so screen readers announce each label with its value. */

/** A row whose value is `null` is left out: nothing to say about it. */
export type DefinitionRow = readonly [label: string, value: string | null];

export function DefinitionList({ rows, compact = false }: { rows: readonly DefinitionRow[]; compact?: boolean }) {
  return (
    <dl className={compact ? 'definition-list definition-list--compact' : 'definition-list'}>
      {rows.map(([label, value]) =>
        value === null ? null : (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ),
      )}
    </dl>
  );
}
