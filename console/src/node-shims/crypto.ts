// node:crypto in the console's browser build: the schema modules import it for server work they
// never do here. Calling it is a bug, said loudly.
function unavailable(name: string): never {
  throw new Error(`node:crypto ${name} is not available in the console`);
}
export const randomBytes = (..._a: unknown[]) => unavailable('randomBytes');
export const randomUUID = (..._a: unknown[]) => unavailable('randomUUID');
export const scrypt = (..._a: unknown[]) => unavailable('scrypt');
export const timingSafeEqual = (..._a: unknown[]) => unavailable('timingSafeEqual');
export const createHash = (..._a: unknown[]) => unavailable('createHash');
export const createHmac = (..._a: unknown[]) => unavailable('createHmac');
export type ScryptOptions = Record<string, unknown>;
export default { randomBytes, randomUUID, scrypt, timingSafeEqual, createHash, createHmac };
