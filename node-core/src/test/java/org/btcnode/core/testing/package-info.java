/**
 * Test fixtures shared through node-core's test jar: mined regtest headers and blocks. Test code
 * only; any thread; imports nothing outside node-core and node-crypto.
 */
package org.btcnode.core.testing;
