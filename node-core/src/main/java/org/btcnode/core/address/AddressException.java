package org.btcnode.core.address;

import java.util.List;

/**
 * An address that does not decode for the chain asked. Operators and RPC callers type addresses,
 * so it is unchecked and carries no stack trace; callers branch on {@link #kind()}, and the message
 * is Core's DecodeDestination error string, for RPC errors ("Invalid checksum", …).
 */
public final class AddressException extends RuntimeException {
    /** Why the text was refused. */
    public enum Kind {
        /** Neither Base58 nor Bech32: bad characters, mixed case, no separator, too long. */
        INVALID_ENCODING,
        /** The Base58Check or Bech32/Bech32m checksum does not match. */
        INVALID_CHECKSUM,
        /** Well formed, but for another chain (Base58 version byte or Bech32 prefix). */
        WRONG_NETWORK,
        /** A Base58 payload of the wrong length for P2PKH or P2SH. */
        INVALID_LENGTH,
        /** Witness version over 16, or the checksum variant does not match the version (BIP 350). */
        INVALID_WITNESS_VERSION,
        /** Witness program of a size its version does not allow (BIP 141, BIP 173). */
        INVALID_PROGRAM,
        /** The 5-bit groups do not convert to whole bytes with zero padding of at most 4 bits. */
        INVALID_PADDING
    }

    private final Kind kind;
    private final List<Integer> errorLocations;

    public AddressException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    /** With the indices of the characters that are likely wrong (validateaddress's error_locations). */
    public AddressException(Kind kind, String message, List<Integer> errorLocations) {
        super(message, null, false, false);
        this.kind = kind;
        this.errorLocations = List.copyOf(errorLocations);
    }

    public Kind kind() {
        return kind;
    }

    /** Indices of likely wrong characters, as Core's DecodeDestination reports them (often none). */
    public List<Integer> errorLocations() {
        return errorLocations;
    }

    @Override
    public String toString() {
        return "AddressException(" + kind + "): " + getMessage();
    }
}
