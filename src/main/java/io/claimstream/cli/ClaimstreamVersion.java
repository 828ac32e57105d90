package io.claimstream.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest; "dev" when run from classes. */
public final class ClaimstreamVersion implements IVersionProvider {

    public static String version() {
        String v = ClaimstreamVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"claimstream " + version()};
    }
}
