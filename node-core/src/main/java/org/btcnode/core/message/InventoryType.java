package org.btcnode.core.message;

/**
 * The type of an inventory entry (Core's {@code GetDataMsg}, protocol.h), including the
 * {@link #MSG_WITNESS_FLAG} of BIP 144. Any 32-bit value is kept: Core ignores entries of unknown
 * types rather than refusing the message. Immutable.
 */
public record InventoryType(int code) {
    /** protocol.h: set on a type to ask for witness data (BIP 144). */
    public static final int MSG_WITNESS_FLAG = 1 << 30;
    /** protocol.h: the bits of the type without the flags. */
    public static final int MSG_TYPE_MASK = 0xffffffff >>> 2;

    public static final InventoryType UNDEFINED = new InventoryType(0);
    public static final InventoryType MSG_TX = new InventoryType(1);
    public static final InventoryType MSG_BLOCK = new InventoryType(2);
    /** BIP 35/37: a merkleblock; only in getdata. */
    public static final InventoryType MSG_FILTERED_BLOCK = new InventoryType(3);
    /** BIP 152: a cmpctblock; only in getdata. */
    public static final InventoryType MSG_CMPCT_BLOCK = new InventoryType(4);
    /** BIP 339: a transaction by wtxid. */
    public static final InventoryType MSG_WTX = new InventoryType(5);
    public static final InventoryType MSG_WITNESS_BLOCK = new InventoryType(2 | MSG_WITNESS_FLAG);
    public static final InventoryType MSG_WITNESS_TX = new InventoryType(1 | MSG_WITNESS_FLAG);
    /** Defined by Core but not used on the network. */
    public static final InventoryType MSG_FILTERED_WITNESS_BLOCK = new InventoryType(3 | MSG_WITNESS_FLAG);

    public boolean hasWitnessFlag() {
        return (code & MSG_WITNESS_FLAG) != 0;
    }

    /** The type without {@link #MSG_WITNESS_FLAG} or other flag bits. */
    public InventoryType base() {
        return new InventoryType(code & MSG_TYPE_MASK);
    }

    public InventoryType withWitness() {
        return new InventoryType(code | MSG_WITNESS_FLAG);
    }

    /** Whether the entry names a transaction (by txid or wtxid, with or without witness). */
    public boolean isTx() {
        int base = code & MSG_TYPE_MASK;
        return base == MSG_TX.code || base == MSG_WTX.code;
    }

    /** Whether the entry names a block in any form (full, witness, filtered, compact). */
    public boolean isBlock() {
        int base = code & MSG_TYPE_MASK;
        return base == MSG_BLOCK.code || base == MSG_FILTERED_BLOCK.code || base == MSG_CMPCT_BLOCK.code;
    }

    /** Core's name for the type ({@code CInv::GetMessageType}'s prefix), or {@code UNKNOWN(code)}. */
    @Override
    public String toString() {
        String witness = hasWitnessFlag() ? "witness-" : "";
        return switch (code & MSG_TYPE_MASK) {
            case 1 -> witness + "tx";
            case 2 -> witness + "block";
            case 3 -> witness + "merkleblock";
            case 4 -> witness + "cmpctblock";
            case 5 -> witness + "wtx";
            default -> "UNKNOWN(" + Integer.toUnsignedString(code) + ")";
        };
    }
}
