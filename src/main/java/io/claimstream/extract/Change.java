package io.claimstream.extract;

/** Direction of a figure that states a change ("rose 4%", "fell by 300 MW"). */
public enum Change {
    UP,
    DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
