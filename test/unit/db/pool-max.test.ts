import { defaultPoolMax } from '../../../db/prisma';

describe('DATABASE_POOL_MAX', () => {
  it('is 10 unless set, and the number set', () => {
    expect(defaultPoolMax({})).toBe(10);
    expect(defaultPoolMax({ DATABASE_POOL_MAX: '' })).toBe(10);
    expect(defaultPoolMax({ DATABASE_POOL_MAX: '3' })).toBe(3);
  });

  it('refuses what is not a whole number of connections', () => {
    for (const bad of ['0', '-1', '2.5', 'many']) {
      expect(() => defaultPoolMax({ DATABASE_POOL_MAX: bad })).toThrow(
        `DATABASE_POOL_MAX must be a whole number of connections >= 1, got "${bad}"`,
      );
    }
  });
});
