// RFC 6962 / RFC 9162 hashing: the only place that knows the domain-separation prefixes.
import { hash as digest } from 'node:crypto';

/** Length of every tree hash (SHA-256). */
export const HASH_SIZE = 32;

/** Root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = digest('sha256', Buffer.alloc(0), 'buffer');

// Scratch buffers: hashing is on every hot path (append, verify), and one allocation per hash
// instead of three matters there. Each thread has its own module instance.
const nodeInput = Buffer.alloc(65);
nodeInput[0] = 0x01;
let leafInput = Buffer.alloc(4096);

/** Leaf hash: SHA-256(0x00 ‖ leaf). */
export function leafHash(leaf: Uint8Array): Buffer {
  if (leaf.length + 1 > leafInput.length) leafInput = Buffer.alloc(2 * (leaf.length + 1));
  leafInput[0] = 0x00;
  leafInput.set(leaf, 1);
  return digest('sha256', leafInput.subarray(0, leaf.length + 1), 'buffer');
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return digest('sha256', Buffer.concat([Buffer.from([0x01]), left, right]), 'buffer');
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return digest('sha256', nodeInput, 'buffer');
}
