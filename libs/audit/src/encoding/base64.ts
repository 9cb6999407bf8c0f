/**
 * Strict standard base64 (RFC 4648 section 4, with padding). Node's decoder silently skips bad
 * characters and accepts missing padding; a verifier must not, or two different texts would name
 * the same bytes.
 */
const base64Shape = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The bytes `text` encodes, or undefined when it is not canonical standard base64. */
export function fromBase64Strict(text: string): Uint8Array | undefined {
  if (!base64Shape.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero bits in the padding position decode to the same bytes: only the canonical form passes.
  if (bytes.toString('base64') !== text) return undefined;
  return new Uint8Array(bytes);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The bytes of lowercase or uppercase hex text of even length, or undefined. */
export function fromHex(text: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'hex'));
}
