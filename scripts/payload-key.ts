/**
 * `npm run payload-key`: a new payload encryption key, printed as `id:base64` for
 * PAYLOAD_CODEC_KEYS (put it first to make it current; keep the old ones after it).
 * `npm run payload-key -- --file <key file>`: adds a new key to a key file (PAYLOAD_CODEC_KEY_FILE)
 * and makes it current; the old keys stay, so history written under them still decodes.
 */
import { newKey, newKeyId, rotateKeyFile } from '../codec/keys';

const at = process.argv.indexOf('--file');
const file = at >= 0 ? process.argv[at + 1] : undefined;
if (at >= 0 && !file) throw new Error('--file needs a path');
if (file) {
  const { id, created } = rotateKeyFile(file);
  console.log(`${created ? 'created' : 'rotated'} ${file}: current key ${id}; restart the workers and API processes to use it`);
} else {
  console.log(`${newKeyId()}:${newKey()}`);
}
