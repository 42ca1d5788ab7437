package org.btcnode.core.types;

/**
 * An amount of bitcoin in satoshis, as Core's {@code CAmount}. Any 64-bit value is representable
 * because transactions on the wire may carry out-of-range values (consensus rejects them later,
 * see {@link #isInMoneyRange()}). Immutable.
 */
public record Amount(long sats) implements Comparable<Amount> {
    public static final long COIN = 100_000_000L; // consensus/amount.h
    public static final Amount ZERO = new Amount(0);
    /** consensus/amount.h: MAX_MONEY, 21 million BTC; a sanity bound, not the supply. */
    public static final Amount MAX_MONEY = new Amount(21_000_000L * COIN);

    public static Amount ofSats(long sats) {
        return new Amount(sats);
    }

    public static Amount ofBtc(long btc) {
        return new Amount(Math.multiplyExact(btc, COIN));
    }

    /** consensus/amount.h: MoneyRange. */
    public boolean isInMoneyRange() {
        return sats >= 0 && sats <= MAX_MONEY.sats;
    }

    @Override
    public int compareTo(Amount o) {
        return Long.compare(sats, o.sats);
    }

    /** Core's FormatMoney style: "50.00000000". */
    @Override
    public String toString() {
        long abs = Math.abs(sats);
        return (sats < 0 ? "-" : "") + (abs / COIN) + "." + String.format("%08d", abs % COIN);
    }
}
