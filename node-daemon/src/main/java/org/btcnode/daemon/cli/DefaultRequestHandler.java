package org.btcnode.daemon.cli;

import java.util.List;

/** One method call with its parameters, positional or {@code -named} (bitcoin-cli's {@code DefaultRequestHandler}). */
final class DefaultRequestHandler implements RequestHandler {
    private final boolean named;

    DefaultRequestHandler(boolean named) {
        this.named = named;
    }

    @Override
    public JsonValue prepareRequest(String method, List<String> args) throws CliException {
        JsonValue params = named ? ParamConversion.named(method, args) : ParamConversion.positional(method, args);
        return RequestHandler.request(method, params, 1);
    }

    @Override
    public JsonValue processReply(JsonValue reply) throws CliException {
        if (!(reply instanceof JsonValue.Obj)) {
            throw CliException.error("expected reply to have result, error and id properties");
        }
        return reply;
    }
}
