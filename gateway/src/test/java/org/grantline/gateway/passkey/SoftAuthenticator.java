package org.grantline.gateway.passkey;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A software passkey authenticator speaking WebAuthn's wire format, as a browser and a platform
 * authenticator would answer: "none" attestation, an ES256 key, user presence and verification,
 * a counter. The server's verification (webauthn4j) is real; only the device is simulated, and the
 * knobs let a test answer as a phishing page, a cloned key or a replay would.
 */
final class SoftAuthenticator {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    private static final ObjectConverter CBOR = new ObjectConverter();

    final byte[] credentialId = new byte[32];
    private final KeyPair keys;
    String origin;
    long counter;
    byte[] userHandle;

    SoftAuthenticator(String origin) {
        this.origin = origin;
        new SecureRandom().nextBytes(credentialId);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    KeyPair keyPair() {
        return keys;
    }

    String id() {
        return B64.encodeToString(credentialId);
    }

    /** The answer of navigator.credentials.create to the server's options ({@code publicKey} of the registration options). */
    @SuppressWarnings("unchecked")
    Map<String, Object> create(Map<String, Object> publicKey) {
        Map<String, Object> rp = (Map<String, Object>) publicKey.get("rp");
        userHandle = UNB64.decode((String) ((Map<String, Object>) publicKey.get("user")).get("id"));
        byte[] clientData = clientData("webauthn.create", (String) publicKey.get("challenge"));
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.writeBytes(sha256((String) rp.get("id")));
        authData.write(0x45);                                          // UP | UV | AT
        authData.writeBytes(ByteBuffer.allocate(4).putInt((int) counter).array());
        authData.writeBytes(new byte[16]);                             // AAGUID: none
        authData.writeBytes(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
        authData.writeBytes(credentialId);
        authData.writeBytes(CBOR.getCborConverter().writeValueAsBytes(
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256)));
        Map<String, Object> attestation = new LinkedHashMap<>();
        attestation.put("fmt", "none");
        attestation.put("attStmt", Map.of());
        attestation.put("authData", authData.toByteArray());
        return Map.of("id", id(), "type", "public-key", "response", Map.of(
                "clientDataJSON", B64.encodeToString(clientData),
                "attestationObject", B64.encodeToString(CBOR.getCborConverter().writeValueAsBytes(attestation)),
                "transports", List.of("internal")));
    }

    /** The answer of navigator.credentials.get to the server's options ({@code publicKey} of the sign-in options). */
    Map<String, Object> get(Map<String, Object> publicKey) {
        return get(publicKey, keys, (String) publicKey.get("rpId"), ++counter);
    }

    /** As {@link #get(Map)} with an explicit signing key, relying party and counter (for a forgery, a phishing page, a clone). */
    Map<String, Object> get(Map<String, Object> publicKey, KeyPair signer, String rpId, long count) {
        byte[] clientData = clientData("webauthn.get", (String) publicKey.get("challenge"));
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.writeBytes(sha256(rpId));
        authData.write(0x05);                                          // UP | UV
        authData.writeBytes(ByteBuffer.allocate(4).putInt((int) count).array());
        byte[] data = authData.toByteArray();
        byte[] signature;
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(signer.getPrivate());
            ecdsa.update(data);
            ecdsa.update(MessageDigest.getInstance("SHA-256").digest(clientData));
            signature = ecdsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("authenticatorData", B64.encodeToString(data));
        response.put("signature", B64.encodeToString(signature));
        response.put("userHandle", B64.encodeToString(userHandle));
        return Map.of("id", id(), "type", "public-key", "response", response);
    }

    static KeyPair otherKey() {
        return new SoftAuthenticator("https://x.test").keys;
    }

    private byte[] clientData(String type, String challenge) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
