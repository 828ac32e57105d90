package io.claimstream.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * Confluent's {@code basic.auth.credentials.source=SASL_INHERIT}: the registry gets the user
 * name and password the Kafka clients log in with, from their {@code sasl.jaas.config} (the
 * {@code username} and {@code password} options of its PLAIN or SCRAM login module), read by
 * Kafka's own JAAS parser so that quoting and escapes mean what they mean to the clients.
 */
final class SaslCredentials {

    /** Mechanisms whose login carries a user name and password. */
    private static final List<String> PASSWORD_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private SaslCredentials() {
    }

    /**
     * {@code user:password} of the JAAS configuration.
     *
     * @param jaasConfig the value of {@code sasl.jaas.config} (a string or a Kafka {@link Password}), or null
     * @param mechanism the value of {@code sasl.mechanism}, or null
     * @throws ConfigException when there is no configuration, or it carries no user name and password
     */
    static String userInfo(Object jaasConfig, Object mechanism) {
        String source = RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "=SASL_INHERIT";
        if (mechanism != null && !PASSWORD_MECHANISMS.contains(mechanism.toString().trim().toUpperCase(Locale.ROOT))) {
            throw new ConfigException(SaslConfigs.SASL_MECHANISM, mechanism, source + " needs a mechanism that logs in with a "
                + "user name and password (" + String.join(", ", PASSWORD_MECHANISMS) + ")");
        }
        if (jaasConfig == null || jaasConfig.toString().isBlank()) {
            throw new ConfigException(SaslConfigs.SASL_JAAS_CONFIG, null, source + " takes the user name and password of the "
                + "Kafka clients' " + SaslConfigs.SASL_JAAS_CONFIG + ", which is not set");
        }
        Password password = jaasConfig instanceof Password p ? p : new Password(jaasConfig.toString());
        List<AppConfigurationEntry> entries;
        try {
            entries = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, password)).configurationEntries();
        } catch (IllegalArgumentException e) {
            // Never the value: it holds the password.
            throw new ConfigException(SaslConfigs.SASL_JAAS_CONFIG, "[hidden]", "cannot be read for " + source + ": "
                + e.getMessage());
        }
        AppConfigurationEntry entry = entries.get(0);
        Object user = entry.getOptions().get("username");
        Object secret = entry.getOptions().get("password");
        if (user == null || secret == null || user.toString().isEmpty()) {
            throw new ConfigException(SaslConfigs.SASL_JAAS_CONFIG, "[hidden]", source + " needs the username and password "
                + "options of a PLAIN or SCRAM login module; " + entry.getLoginModuleName() + " has "
                + (user == null ? "no username" : "no password"));
        }
        if (user.toString().indexOf(':') >= 0) {
            throw new ConfigException(SaslConfigs.SASL_JAAS_CONFIG, "[hidden]", source + ": a user name with ':' cannot be "
                + "sent by HTTP basic auth");
        }
        return user + ":" + secret;
    }
}
