package org.grantline.notifications;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A TCP relay in front of a real SMTP server (GreenMail) that sees the SMTP conversation as it
 * passes: it can hold each of the server's replies back for a while (a slower mail server, so a
 * test can kill the sender in the middle of a batch), and it tells a listener, on each connection,
 * which digest (the {@code X-GrantLine-Digest} header) the previous message was just before the
 * client begins the next one ({@code MAIL FROM}), while that next message is still held back.
 */
public final class SmtpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Duration replyDelay;
    private final Consumer<UUID> beforeNextMessage;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param replyDelay        how long each reply of the server is held back
     * @param beforeNextMessage called with the previous message's digest id when a client starts another message on the same connection
     */
    public SmtpRelay(int targetPort, Duration replyDelay, Consumer<UUID> beforeNextMessage) {
        this.targetPort = targetPort;
        this.replyDelay = replyDelay;
        this.beforeNextMessage = beforeNextMessage;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "smtp-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                daemon(() -> clientToServer(client, upstream), "smtp-relay-up");
                daemon(() -> serverToClient(upstream, client), "smtp-relay-down");
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** Line by line (SMTP is CRLF lines, message content included): notes the digest header, calls the listener before a further MAIL FROM. */
    private void clientToServer(Socket client, Socket upstream) {
        try (client; upstream) {
            InputStream in = new java.io.BufferedInputStream(client.getInputStream());
            OutputStream out = upstream.getOutputStream();
            boolean inData = false;
            UUID previous = null;
            UUID current = null;
            byte[] line;
            while ((line = readLine(in)) != null) {
                String text = new String(line, StandardCharsets.ISO_8859_1).strip();
                if (inData) {
                    if (text.equals(".")) {
                        inData = false;
                        previous = current;
                        current = null;
                    } else if (text.toLowerCase(Locale.ROOT).startsWith("x-grantline-digest:")) {
                        current = UUID.fromString(text.substring("x-grantline-digest:".length()).strip());
                    }
                } else {
                    String command = text.toUpperCase(Locale.ROOT);
                    if (command.startsWith("MAIL FROM") && previous != null) {
                        beforeNextMessage.accept(previous);
                    } else if (command.equals("DATA")) {
                        inData = true;
                    }
                }
                out.write(line);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (or was killed): the connection ends, as a real server's would
        } finally {
            open.remove(client);
            open.remove(upstream);
        }
    }

    private void serverToClient(Socket upstream, Socket client) {
        try (client; upstream) {
            InputStream in = upstream.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!replyDelay.isZero()) {
                    Thread.sleep(replyDelay.toMillis());
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // either side closed
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
