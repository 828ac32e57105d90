package io.claimstream.extract;

/** How a figure is stated: exactly, approximately, as a lower bound or as an upper bound. */
public enum Qualifier {
    EXACT("="),
    APPROXIMATE("~"),
    AT_LEAST(">"),
    AT_MOST("<");

    private final String symbol;

    Qualifier(String symbol) {
        this.symbol = symbol;
    }

    /** The symbol the gold format uses: =, ~, &gt; or &lt;. */
    public String symbol() {
        return symbol;
    }

    static Qualifier fromSymbol(String symbol) {
        for (Qualifier q : values()) {
            if (q.symbol.equals(symbol)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown qualifier symbol " + symbol);
    }
}
