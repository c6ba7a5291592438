/** Staff passwords (api/passwords.ts): scrypt hashes with their parameters and a salt of their own. */
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../../api/passwords';

it('hashes with scrypt (N = 2^17, r = 8, p = 1) and a salt per hash, and verifies only the right password', async () => {
  const [a, b] = await Promise.all([hashPassword('a long and quiet password'), hashPassword('a long and quiet password')]);
  expect(a).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  expect(a).not.toBe(b);
  expect(await verifyPassword(a, 'a long and quiet password')).toBe(true);
  expect(await verifyPassword(a, 'a long and quiet passworD')).toBe(false);
  expect(await verifyPassword('not a hash', 'a long and quiet password')).toBe(false);
  expect(needsRehash(a)).toBe(false);
});

it('verifies a hash of weaker parameters and asks for it to be redone', async () => {
  const weak = await hashPassword('a long and quiet password', { log2N: 14, r: 8, p: 1 });
  expect(await verifyPassword(weak, 'a long and quiet password')).toBe(true);
  expect(needsRehash(weak)).toBe(true);
});

it('asks for length, not composition (NIST SP 800-63B)', () => {
  expect(passwordProblem('short')).toBe('must be at least 12 characters');
  expect(passwordProblem('x'.repeat(201))).toBe('must be at most 200 characters');
  expect(passwordProblem('ada@practice.example', 'Ada@Practice.example')).toBe('must not be the e-mail address');
  expect(passwordProblem('zzzzzzzzzzzzzz')).toBe('must not be one character repeated');
  expect(passwordProblem('correct horse battery staple')).toBeUndefined();
});
