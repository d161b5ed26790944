/**
 * Table keys may not contain `/ \ # ?` or control characters. Ids from Teams (conversation
 * ids such as `19:abc@thread.tacv2;messageid=1`) and user input may, so every key is
 * escaped reversibly: forbidden characters, `~` itself, `%` and `'` become `~XX` (hex).
 */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\#?~%']/g;

/** Escapes a string for use as a PartitionKey or RowKey. */
export function encodeKey(value: string): string {
  return value.replace(FORBIDDEN, (c) => "~" + c.charCodeAt(0).toString(16).padStart(2, "0"));
}

/** Reverses {@link encodeKey}. */
export function decodeKey(key: string): string {
  return key.replace(/~([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** True when `value` can be used as a key without escaping (validation of ids we mint). */
export function isSafeKey(value: string): boolean {
  return value.length > 0 && value.length <= 512 && !/[\u0000-\u001f\u007f-\u009f/\\#?]/.test(value);
}
