import { describe, expect, it } from 'vitest';
import { numberedPlaceholders } from '../src/modules/search/numbered-placeholders.ts';

describe('numberedPlaceholders', () => {
  it('numbers placeholders in order and leaves question marks inside literals, doubled quotes included', () => {
    expect(numberedPlaceholders(`select ?, 'a?b', 'it''s ?' from t where x = ? and y like '%?%' limit ?`)).toBe(
      `select $1, 'a?b', 'it''s ?' from t where x = $2 and y like '%?%' limit $3`,
    );
    expect(numberedPlaceholders('select 1')).toBe('select 1');
  });
});
