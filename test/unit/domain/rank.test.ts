import { isLaterRank, isRank, rankIndex, rankOfWord, RANKS, rankWord } from '../../../domain/rank';

it('orders the payers primary, secondary, tertiary', () => {
  expect(RANKS.map(rankIndex)).toEqual([0, 1, 2]);
  expect(isLaterRank('SECONDARY', 'PRIMARY')).toBe(true);
  expect(isLaterRank('PRIMARY', 'TERTIARY')).toBe(false);
  expect(isRank('SECONDARY')).toBe(true);
  expect(isRank('secondary')).toBe(false);
  expect(rankWord('TERTIARY')).toBe('tertiary');
  expect(rankOfWord('secondary')).toBe('SECONDARY');
});
