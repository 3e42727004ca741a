// RFC 6962 / RFC 9162 hashing: the only place that knows the domain-separation prefixes.
import { hash as digest } from 'node:crypto';

/** Length of every tree hash (SHA-256). */
export const HASH_SIZE = 32;

/** Root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = digest('sha256', Buffer.alloc(0), 'buffer');

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** Leaf hash: SHA-256(0x00 ‖ leaf). */
export function leafHash(leaf: Uint8Array): Buffer {
  return digest('sha256', Buffer.concat([LEAF_PREFIX, leaf]), 'buffer');
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return digest('sha256', Buffer.concat([NODE_PREFIX, left, right], 1 + left.length + right.length), 'buffer');
}
