package io.influxdb3j.server;

import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.TokenInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Finds and checks the token of an HTTP request (spec §6.2): {@code p=} on {@code /query} and
 * {@code /write}, then {@code Authorization: Bearer|Token <t>} or {@code Basic base64(user:t)}.
 * Only hashes are compared; the secret is never stored or logged.
 */
final class Authenticator {
    enum Outcome { OK, UNAUTHENTICATED, MALFORMED }

    static final String MALFORMED_BODY = "{\"error\": \"Authorization header was malformed, the request was not in the form of "
            + "'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and Basic\"}";
    static final String UNAUTHENTICATED_BODY = "{\"error\": \"the request was not authenticated\"}";

    private final Catalog catalog;
    private final boolean withoutAuth;
    private final Set<String> exemptPaths;

    Authenticator(Catalog catalog, boolean withoutAuth, Set<String> exemptPaths) {
        this.catalog = catalog;
        this.withoutAuth = withoutAuth;
        this.exemptPaths = exemptPaths;
    }

    boolean withoutAuth() {
        return withoutAuth;
    }

    Outcome check(String path, String pParam, String authorization) {
        if (withoutAuth || exemptPaths.contains(path)) {
            return Outcome.OK;
        }
        String token = null;
        if ((path.equals("/query") || path.equals("/write")) && pParam != null && !pParam.isEmpty()) {
            token = pParam;
        } else if (authorization != null) {
            String[] parts = authorization.split(" ", -1);
            if (parts.length != 2) {
                return Outcome.MALFORMED;
            }
            switch (parts[0]) {
                case "Bearer", "Token" -> token = parts[1];
                case "Basic" -> {
                    String decoded;
                    try {
                        decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return Outcome.MALFORMED;
                    }
                    int colon = decoded.lastIndexOf(':');
                    if (colon < 0 || decoded.substring(0, colon).contains(":")) {
                        return Outcome.MALFORMED;
                    }
                    token = decoded.substring(colon + 1);
                }
                default -> {
                    return Outcome.MALFORMED;
                }
            }
        }
        TokenInfo t = catalog.authenticate(token);
        return t == null ? Outcome.UNAUTHENTICATED : Outcome.OK;
    }
}
