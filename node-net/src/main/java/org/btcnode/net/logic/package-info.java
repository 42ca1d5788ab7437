/**
 * The node-logic executor ({@link org.btcnode.net.logic.NodeLoop}): the single thread that owns
 * peers, the address manager and sync state, its production form on a scheduled thread
 * ({@link org.btcnode.net.logic.ExecutorNodeLoop}) and a hand-driven form with a manual clock for
 * deterministic tests ({@link org.btcnode.net.logic.ManualNodeLoop}).
 *
 * <p>Must not import Netty channel types: event loops post to it, it never runs on them.
 */
package org.btcnode.net.logic;
