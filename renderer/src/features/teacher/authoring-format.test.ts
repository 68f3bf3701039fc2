// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { changedFields, formatKeyTerms, formatMisconceptions, formatResources, parseKeyTerms, parseMisconceptions, parseResources } from './authoring-format.ts';

describe('plain-text authoring formats', () => {
  it('round-trip key terms, misconceptions and resources', () => {
    const keyTerms = [{ id: 'mediated', label: 'Mediated', phrasings: ['from media', 'second-hand', 'from tv'] }];
    expect(parseKeyTerms(formatKeyTerms(keyTerms))).toEqual(keyTerms);
    const misconceptions = [{ statement: 'Media show reality.', signals: ['window onto the world', 'just shows'], probe: 'Who chose the shot?' }];
    expect(parseMisconceptions(formatMisconceptions(misconceptions))).toEqual(misconceptions);
    const resources = [{ kind: 'reading' as const, title: 'A short read', description: 'About perception | and bias' }];
    expect(parseResources(formatResources(resources))).toEqual(resources);
  });

  it('ignores blank lines and spacing', () => {
    expect(parseKeyTerms('\n  a | A |  x ;y;  z  \n\n')).toEqual([{ id: 'a', label: 'A', phrasings: ['x', 'y', 'z'] }]);
  });

  it('finds the changed fields only', () => {
    expect(changedFields({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 3], c: 'y' })).toEqual({ b: [1, 3], c: 'y' });
  });
});
