package org.btcnode.core.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryTypeTest {
    @Test
    void witnessFlagIsBit30AsInProtocolH() {
        assertThat(InventoryType.MSG_WITNESS_TX.code()).isEqualTo(0x40000001);
        assertThat(InventoryType.MSG_WITNESS_BLOCK.code()).isEqualTo(0x40000002);
        assertThat(InventoryType.MSG_WITNESS_BLOCK.hasWitnessFlag()).isTrue();
        assertThat(InventoryType.MSG_WITNESS_BLOCK.base()).isEqualTo(InventoryType.MSG_BLOCK);
        assertThat(InventoryType.MSG_TX.withWitness()).isEqualTo(InventoryType.MSG_WITNESS_TX);
        assertThat(InventoryType.MSG_WTX.isTx()).isTrue();
        assertThat(InventoryType.MSG_CMPCT_BLOCK.isBlock()).isTrue();
        assertThat(InventoryType.MSG_WITNESS_TX.isBlock()).isFalse();
    }

    @Test
    void unknownTypesAreKeptNotRefused() {
        InventoryType odd = new InventoryType(0x80000007);
        assertThat(odd.isTx()).isFalse();
        assertThat(odd.isBlock()).isFalse();
        assertThat(odd).hasToString("UNKNOWN(2147483655)");
        assertThat(InventoryType.MSG_WITNESS_BLOCK).hasToString("witness-block");
    }
}
