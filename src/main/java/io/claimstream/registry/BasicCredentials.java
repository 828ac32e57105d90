package io.claimstream.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;

/**
 * A user name and password for HTTP basic auth, as the status server and the schema registry
 * take them when bound beyond loopback: requests without them, or with others, get 401 and a
 * {@code WWW-Authenticate: Basic} challenge.
 *
 * @param user the user name, without ':'
 * @param password the password
 */
public record BasicCredentials(String user, String password) {

    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a basic auth user name must be non-empty and hold no ':'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("a basic auth password must not be empty");
        }
    }

    /** {@code user:password}, as Confluent's {@code basic.auth.user.info} takes them. */
    public String userInfo() {
        return user + ":" + password;
    }

    /** The value of an {@code Authorization} header carrying them. */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo().getBytes(StandardCharsets.UTF_8));
    }

    /** An authenticator for a JDK server context that lets only these credentials through, compared in constant time. */
    public Authenticator authenticator(String realm) {
        byte[] expectedUser = user.getBytes(StandardCharsets.UTF_8);
        byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
        return new BasicAuthenticator(realm, StandardCharsets.UTF_8) {
            @Override
            public boolean checkCredentials(String givenUser, String givenPassword) {
                // Both compared whatever the first gives, so that timing tells nothing of which was wrong.
                boolean userMatches = MessageDigest.isEqual(expectedUser, givenUser.getBytes(StandardCharsets.UTF_8));
                boolean passwordMatches = MessageDigest.isEqual(expectedPassword, givenPassword.getBytes(StandardCharsets.UTF_8));
                return userMatches & passwordMatches;
            }
        };
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
