package org.btcnode.core.params;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;

/**
 * Builds a genesis block from its fields, as kernel/chainparams.cpp's {@code CreateGenesisBlock}:
 * one coinbase whose scriptSig pushes 486604799, the number 4 and the timestamp text, paying the
 * reward to the given script; no previous block; the merkle root of that one transaction.
 * Stateless.
 */
public final class GenesisBlock {
    /** The headline in Satoshi's genesis block, shared by mainnet, testnet3, signet and regtest. */
    public static final String SATOSHI_TIMESTAMP = "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks";
    /** Pay-to-pubkey script of Satoshi's genesis output: push of a 65-byte key, OP_CHECKSIG. */
    public static final Bytes SATOSHI_OUTPUT_SCRIPT = payToPubkey(Bytes.fromHex(
            "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f"));

    private static final int OP_PUSHDATA1 = 0x4c;
    private static final int OP_PUSHDATA2 = 0x4d;
    private static final int OP_CHECKSIG = 0xac;

    private GenesisBlock() {}

    /** chainparams.cpp: CreateGenesisBlock(pszTimestamp, genesisOutputScript, nTime, nNonce, nBits, nVersion, genesisReward). */
    public static Block create(String timestamp, Bytes outputScript, long time, long nonce, long bits, int version,
                               Amount reward) {
        ByteArrayOutputStream scriptSig = new ByteArrayOutputStream();
        push(scriptSig, new byte[] {(byte) 0xff, (byte) 0xff, 0x00, 0x1d}); // CScriptNum 486604799 = 0x1d00ffff
        push(scriptSig, new byte[] {0x04});                                 // CScriptNum(4)
        push(scriptSig, timestamp.getBytes(StandardCharsets.US_ASCII));
        TxIn input = new TxIn(OutPoint.NULL, Bytes.of(scriptSig.toByteArray()), TxIn.SEQUENCE_FINAL);
        Transaction coinbase = new Transaction(1, List.of(input), List.of(new TxOut(reward, outputScript)), 0);
        Hash256 merkleRoot = coinbase.txid(); // the root of a one-leaf tree is the leaf
        return new Block(new BlockHeader(version, Hash256.ZERO, merkleRoot, time, bits, nonce), List.of(coinbase));
    }

    /** The shorter form used by every chain but testnet4: Satoshi's timestamp and output script. */
    public static Block create(long time, long nonce, long bits, int version, Amount reward) {
        return create(SATOSHI_TIMESTAMP, SATOSHI_OUTPUT_SCRIPT, time, nonce, bits, version, reward);
    }

    /** {@code <pubkey> OP_CHECKSIG}. */
    public static Bytes payToPubkey(Bytes pubkey) {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        push(script, pubkey.toByteArray());
        script.write(OP_CHECKSIG);
        return Bytes.of(script.toByteArray());
    }

    /** script.h: CScript::operator<<(std::vector) for data, the shortest push opcode for its length. */
    private static void push(ByteArrayOutputStream out, byte[] data) {
        if (data.length < OP_PUSHDATA1) {
            out.write(data.length);
        } else if (data.length <= 0xff) {
            out.write(OP_PUSHDATA1);
            out.write(data.length);
        } else if (data.length <= 0xffff) {
            out.write(OP_PUSHDATA2);
            out.write(data.length);
            out.write(data.length >>> 8);
        } else {
            throw new IllegalArgumentException("genesis push of " + data.length + " bytes");
        }
        out.writeBytes(data);
    }
}
