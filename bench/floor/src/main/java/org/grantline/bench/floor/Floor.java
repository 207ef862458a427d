package org.grantline.bench.floor;

import io.micronaut.runtime.Micronaut;

/**
 * The floor under the gateway's cost (bench/gateway-floor.sh): the same Micronaut 4 Netty server
 * the apps run, with nothing of ours in it. {@code -Dfloor.mode=constant}: one controller that
 * answers a small constant JSON; {@code -Dfloor.mode=proxy -Dfloor.upstream=http://host:port}: one
 * filter that forwards every request with {@code ProxyHttpClient}, as the gateway's routing does,
 * without security, logging or routing rules.
 */
public final class Floor {
    private Floor() {
    }

    public static void main(String[] args) {
        Micronaut.run(Floor.class, args);
    }
}
