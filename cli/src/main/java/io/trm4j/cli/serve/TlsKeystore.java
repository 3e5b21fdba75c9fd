package io.trm4j.cli.serve;

import io.trm4j.core.TrmException;

import javax.crypto.BadPaddingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

import static java.util.Objects.requireNonNull;

/**
 * HTTPS for {@code trm serve}: a keystore (PKCS12 or JKS, told apart by its content) holding the
 * server's private key and certificate chain, and its password ({@code serve.tls_keystore},
 * {@code serve.tls_keystore_password}). The key's own password is the keystore's, as keytool and
 * openssl's PKCS12 export make it.
 *
 * @param keystore the keystore file
 * @param password its password (kept out of {@link #toString()})
 */
public record TlsKeystore(Path keystore, String password) {
    public TlsKeystore {
        requireNonNull(keystore, "keystore is null");
        requireNonNull(password, "password is null");
    }

    /** Reads the keystore now, so a wrong path or password fails at start in our words, not Jetty's. */
    KeyStore load() {
        String where = "the TLS keystore " + keystore;
        if (!Files.isRegularFile(keystore)) {
            throw new TrmException("cannot read " + where + ": no such file");
        }
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
        } catch (NoSuchFileException e) {
            throw new TrmException("cannot read " + where + ": no such file");
        } catch (IOException e) {
            if (wrongPassword(e)) {
                throw new TrmException("cannot read " + where + ": the password is wrong (serve.tls_keystore_password, "
                        + "TRM_SERVE_TLS_KEYSTORE_PASSWORD)", e);
            }
            throw new TrmException("cannot read " + where + ": " + describe(e), e);
        } catch (KeyStoreException e) { // the JDK recognised no keystore format in the file
            throw new TrmException("cannot read " + where + ": not a PKCS12 or JKS keystore", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TrmException("cannot read " + where + ": " + describe(e), e);
        }
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    return ks;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TrmException("cannot read " + where + ": " + describe(e), e);
        }
        throw new TrmException(where + " holds no private key: it needs the server's key and certificate "
                + "(e.g. keytool -genkeypair, or openssl pkcs12 -export)");
    }

    /**
     * The JDK reports a wrong password as an IOException: "keystore password was incorrect" (an
     * UnrecoverableKeyException under it) when the integrity check fails, or a BadPaddingException
     * under it when an encrypted entry is read first.
     */
    private static boolean wrongPassword(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException || t instanceof BadPaddingException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return "TlsKeystore[keystore=" + keystore + ", password=***]";
    }
}
