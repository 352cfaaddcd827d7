package cn.tongxin.attendance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A phone's HTTP/1.1 side for the sign-in benchmark: its cookies and its own keep-alive connections, as a mobile
 * browser keeps them, on blocking sockets (the phones run on virtual threads, so a waiting phone costs no OS thread).
 *
 * <p>Why not {@code java.net.http.HttpClient}: each client starts a selector thread and worker threads; 2,000 phones
 * started ≈ 6,000 threads a phase, and that cost the load generator ≈ 5 ms of CPU per sign-in on the same 2 cores as
 * the portal (hidden from the per-thread figures: each thread used less than one clock tick). The server sees the
 * same requests either way: one connection per phone (a second one for a second tab), the same headers and cookies.
 */
final class PhoneHttp {

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
        }
    }

    private final String host;
    private final int port;
    private final String userAgent;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    PhoneHttp(String host, int port, String userAgent) {
        this.host = host;
        this.port = port;
        this.userAgent = userAgent;
    }

    void cookie(String name, String value) {
        cookies.put(name, value);
    }

    Response get(String target) throws IOException {
        return exchange("GET", target, null, null);
    }

    Response post(String target, String contentType, String body) throws IOException {
        return exchange("POST", target, contentType, body);
    }

    /** Closes the kept connections (the next request opens a new one); the cookies stay, as in a browser. */
    void disconnect() {
        for (Connection c = idle.poll(); c != null; c = idle.poll()) {
            c.close();
        }
    }

    private Response exchange(String method, String target, String contentType, String body) throws IOException {
        Connection connection = idle.poll(); // a request in flight keeps its connection; a parallel one opens another
        if (connection == null) {
            connection = new Connection(new Socket(host, port));
        }
        try {
            Response response = connection.exchange(request(method, target, contentType, body));
            if ("close".equalsIgnoreCase(response.header("Connection"))) {
                connection.close();
            } else {
                idle.push(connection);
            }
            return response;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private byte[] request(String method, String target, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(512).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n")
                .append("Accept: */*\r\n");
        if (!cookies.isEmpty()) {
            head.append("Cookie: ");
            cookies.forEach((name, value) -> head.append(name).append('=').append(value).append("; "));
            head.setLength(head.length() - 2);
            head.append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + content.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(content, 0, all, h.length, content.length);
        return all;
    }

    /** {@code name=value; Path=/; Max-Age=0 …}: keeps or (for an expired one) drops the cookie. */
    private void setCookie(String header) {
        int eq = header.indexOf('=');
        int end = header.indexOf(';');
        if (eq <= 0) {
            return;
        }
        String name = header.substring(0, eq).trim();
        String value = header.substring(eq + 1, end < 0 ? header.length() : end).trim();
        String lower = header.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            this.in = new BufferedInputStream(socket.getInputStream(), 16384);
            this.out = socket.getOutputStream();
        }

        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP/1.1 answer: " + status);
            }
            Map<String, String> headers = new HashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("set-cookie")) {
                    setCookie(value);
                }
                headers.putIfAbsent(name, value);
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    all.write(in.readNBytes(size));
                    line(); // the CRLF after each chunk
                }
                while (!line().isEmpty()) {
                    // trailers
                }
                body = all.toByteArray();
            } else if (headers.containsKey("content-length")) {
                int length = Integer.parseInt(headers.get("content-length"));
                body = in.readNBytes(length);
                if (body.length < length) {
                    throw new EOFException("the answer ended after " + body.length + " of " + length + " bytes");
                }
            } else {
                body = in.readAllBytes();
                headers.put("connection", "close");
            }
            return new Response(Integer.parseInt(status.substring(9, 12)), headers, new String(body, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
