/** SHA-256 as lower-case hex: file identities (kept files, batch files), API key digests, simulator seeds. */
import { createHash } from 'node:crypto';

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}
