// Passkeys (WebAuthn) in the browser: the server's JSON options to navigator.credentials and the
// authenticator's answer back to JSON, every binary value as base64url (as the server speaks it).
const toBytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), c => c.charCodeAt(0));
const toText = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function supported() {
  return typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

/** Makes a passkey for the registration options' publicKey; the answer as the server reads it. */
export async function create(publicKey) {
  const credential = await navigator.credentials.create({ publicKey: {
    ...publicKey,
    challenge: toBytes(publicKey.challenge),
    user: { ...publicKey.user, id: toBytes(publicKey.user.id) },
    excludeCredentials: (publicKey.excludeCredentials || []).map(d => ({ ...d, id: toBytes(d.id) }))
  } });
  const r = credential.response;
  return { id: toText(credential.rawId), type: credential.type, response: {
    clientDataJSON: toText(r.clientDataJSON), attestationObject: toText(r.attestationObject),
    transports: typeof r.getTransports === 'function' ? r.getTransports() : []
  } };
}

/** Signs the sign-in options' challenge with one of this site's passkeys (the browser lets the person choose). */
export async function get(publicKey) {
  const credential = await navigator.credentials.get({ publicKey: {
    ...publicKey,
    challenge: toBytes(publicKey.challenge),
    allowCredentials: (publicKey.allowCredentials || []).map(d => ({ ...d, id: toBytes(d.id) }))
  } });
  const r = credential.response;
  return { id: toText(credential.rawId), type: credential.type, response: {
    clientDataJSON: toText(r.clientDataJSON), authenticatorData: toText(r.authenticatorData),
    signature: toText(r.signature), userHandle: r.userHandle ? toText(r.userHandle) : null
  } };
}
