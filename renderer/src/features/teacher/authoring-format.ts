/**
 * Plain-text forms of the structured module and concept fields, so a teacher edits them in
 * ordinary text boxes: one item per line, parts separated by " | ", lists inside a part by
 * "; ". Main validates the result; these functions only split and join.
 */
import type { Concept, Module } from '../../../../src/shared/domain.ts';

export const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);
export const commaList = (text: string): string[] => text.split(',').map((l) => l.trim()).filter(Boolean);
const semi = (text: string | undefined): string[] => (text ?? '').split(';').map((l) => l.trim()).filter(Boolean);
const parts = (line: string): string[] => line.split('|').map((p) => p.trim());

type Resource = Module['resources'][number];
type KeyTermGroup = Concept['keyTerms'][number];
type Misconception = Concept['misconceptions'][number];

export function formatResources(resources: Resource[]): string {
  return resources.map((r) => `${r.kind} | ${r.title} | ${r.description}`).join('\n');
}
export function parseResources(text: string): Resource[] {
  return lines(text).map((line) => {
    const [kind = '', title = '', ...rest] = parts(line);
    return { kind: kind as Resource['kind'], title, description: rest.join(' | ') };
  });
}

export function formatKeyTerms(groups: KeyTermGroup[]): string {
  return groups.map((g) => `${g.id} | ${g.label} | ${g.phrasings.join('; ')}`).join('\n');
}
export function parseKeyTerms(text: string): KeyTermGroup[] {
  return lines(text).map((line) => {
    const [id = '', label = '', phrasings] = parts(line);
    return { id, label, phrasings: semi(phrasings) };
  });
}

export function formatMisconceptions(items: Misconception[]): string {
  return items.map((m) => `${m.statement} | ${m.signals.join('; ')} | ${m.probe}`).join('\n');
}
export function parseMisconceptions(text: string): Misconception[] {
  return lines(text).map((line) => {
    const [statement = '', signals, probe = ''] = parts(line);
    return { statement, signals: semi(signals), probe };
  });
}

/** The fields whose value differs (compared as JSON), for a minimal update. */
export function changedFields<T extends Record<string, unknown>>(original: Partial<T>, edited: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(edited) as (keyof T)[]) {
    if (JSON.stringify(original[key]) !== JSON.stringify(edited[key])) out[key] = edited[key];
  }
  return out;
}
