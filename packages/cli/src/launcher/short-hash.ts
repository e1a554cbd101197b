/**
 * Short, stable hashes, not for secrets: they name cache files and check that a cached text was read
 * whole and unchanged. No `node:crypto`: loading it would cost every run of the launcher.
 */

/** FNV-1a (32 bits) of a string's UTF-16 code units. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * FNV-1a's mixing over 32-bit words of `bytes` (zero-padded), seeded with the length. Word by word:
 * a byte loop over a few KB takes ~1 ms in a run too short for V8 to optimise it, four times fewer
 * steps about a tenth of that.
 */
export function checksum(bytes: Uint8Array): string {
  const words = new Int32Array((bytes.length + 3) >> 2);
  new Uint8Array(words.buffer).set(bytes);
  let hash = 0x811c9dc5 ^ bytes.length;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ (words[i] ?? 0), 0x01000193);
  return (hash >>> 0).toString(36);
}
