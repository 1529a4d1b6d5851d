import { createHash } from 'node:crypto';

/**
 * The public half of Switchboard's development key, as the manifest's `key` (base64 DER SubjectPublicKeyInfo).
 * With it, unpacked, e2e and bench builds all get one extension ID, which the native-messaging host's
 * `allowed_origins` names. No private key is kept: nothing is signed with it. A Chrome Web Store listing
 * gets the store's own key instead; put that one here and rebuild, and the ID below follows.
 */
export const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsxBzLv6SDFbT9T7qoKE2xsomgaisA0W4vwn9TRGKiloJpzCSDDQCeYr7Ktu7BZXnY8FQAL4dEMKXP641ADCYFWgjD3uXS793xhF47o8E8ES9VoXXHFw8FsM6jg8yVmdwI7zxZIn298AHb32a27PiFI/cHtrbrv9fQVsiQTMYMuofbw9gX3AxFopF8cKtVpwW4RpB8/NuyMmvMsOjgkMPjCC0f2oQagXnAxGKSm48Pzn2c4AkWyx63OT4ItYoEDH0quDZKC6KKQHy5Gf1qYij2PMAof030n7ZJUe8GCz4ypHkc9Xji4u5L86owkjYT99muZccvS8TdR14WLr+ji9SDQIDAQAB';

/** Chrome's extension ID for a key: the first 128 bits of SHA-256 of the DER key, as letters a–p. */
export function extensionIdOf(key = EXTENSION_KEY) {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}
