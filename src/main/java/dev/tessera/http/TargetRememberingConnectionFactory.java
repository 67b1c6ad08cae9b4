package dev.tessera.http;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that remember a request target Jetty could not parse (a {@code %00} or
 * another illegal character in the path). Jetty then answers with a synthetic request for
 * {@code /badMessage}; {@link JsonErrorHandler} reads the remembered target only to pick the
 * error's JSON shape (management API or OAuth), and never echoes it.
 *
 * <p>This extends Jetty's {@code internal} connection class, the only place that sees the raw
 * target; {@code EdgeErrorsTest} fails if a Jetty upgrade changes that.
 */
final class TargetRememberingConnectionFactory extends HttpConnectionFactory {

    TargetRememberingConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        RememberingConnection connection = new RememberingConnection(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    /** The raw target of the connection's last request if Jetty refused to parse it, else null. */
    static String unparsedTarget(org.eclipse.jetty.server.Request request) {
        return request.getConnectionMetaData().getConnection() instanceof RememberingConnection c ? c.unparsedTarget : null;
    }

    static final class RememberingConnection extends HttpConnection {
        private volatile String unparsedTarget;

        RememberingConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
            super(configuration, connector, endPoint);
        }

        @Override
        protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version) {
            try {
                HttpStreamOverHTTP1 stream = super.newHttpStream(method, uri, version);
                // Jetty's stand-in stream for the refused request ("BAD /badMessage") keeps the memory.
                if (!"BAD".equals(method)) {
                    unparsedTarget = null;
                }
                return stream;
            } catch (IllegalArgumentException e) {
                unparsedTarget = uri;
                throw e;
            }
        }
    }
}
