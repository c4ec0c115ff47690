package uk.gov.bcpcouncil.clientindex.review;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local clerical review page: the JDK's HTTP server on 127.0.0.1 only (a random port unless one is
 * given), every page under a random token path so that no other local program or web page can guess it, and
 * decisions only by POST with that token. Serves {@link ReviewPage}s over {@link ReviewQueue}. One request
 * at a time (a single-threaded executor), so decisions are recorded in order. {@link #close()} stops it.
 */
public final class ReviewServer implements AutoCloseable {

    private final HttpServer server;
    private final String base;
    private final ReviewQueue queue;
    private final String runId;
    private final String reviewer;
    private final CountDownLatch finished = new CountDownLatch(1);

    private ReviewServer(HttpServer server, String base, ReviewQueue queue, String runId, String reviewer) {
        this.server = server;
        this.base = base;
        this.queue = queue;
        this.runId = runId;
        this.reviewer = reviewer;
    }

    /** Starts serving the run's queue on 127.0.0.1:{@code port} (0: any free port). */
    public static ReviewServer start(ReviewQueue queue, String runId, String reviewer, int port) throws IOException {
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(token);
        String base = "/review/" + HexFormat.of().formatHex(token) + "/";
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ReviewServer s = new ReviewServer(http, base, queue, runId, reviewer);
        http.createContext(base, s::handle);
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "review-page");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return s;
    }

    /** The page's address, with its token: print it for the reviewer. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + base;
    }

    /** Waits until the reviewer presses "Finish the review", or the timeout. */
    public boolean awaitFinish(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath().substring(base.length());
            String method = x.getRequestMethod();
            List<ReviewQueue.Pair> pairs = queue.pairs(runId);
            if (method.equals("GET") && path.isEmpty()) {
                send(x, 200, ReviewPage.queue(base, runId, reviewer, pairs));
            } else if (method.equals("GET") && path.equals("pair")) {
                int i = index(query(x.getRequestURI().getRawQuery()).get("i"), pairs.size());
                if (i < 0) {
                    send(x, 404, ReviewPage.message("Not found", "There is no such pair in this run's queue."));
                } else {
                    send(x, 200, ReviewPage.pair(base, i, pairs.size(), pairs.get(i)));
                }
            } else if (method.equals("POST") && path.equals("decide")) {
                Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                ReviewDecision decision = ReviewDecision.parse(form.get("decision"));
                if (decision == null || !queue.decide(runId, form.get("left"), form.get("right"), decision,
                        form.get("note"), reviewer)) {
                    send(x, 400, ReviewPage.message("Not recorded", "Unknown pair or decision; nothing was recorded."));
                    return;
                }
                List<ReviewQueue.Pair> now = queue.pairs(runId);
                int next = 0;
                while (next < now.size() && !now.get(next).open()) {
                    next++;
                }
                x.getResponseHeaders().add("Location", next < now.size() ? base + "pair?i=" + next : base);
                x.sendResponseHeaders(303, -1);
            } else if (method.equals("POST") && path.equals("finish")) {
                send(x, 200, ReviewPage.message("Review finished", "Your decisions are saved. You can close this page."));
                finished.countDown();
            } else {
                send(x, 404, ReviewPage.message("Not found", "No such page."));
            }
        } catch (RuntimeException e) {
            send(x, 500, ReviewPage.message("Error", "Something went wrong; nothing more was recorded."));
            System.err.println("Review page error: " + e.getClass().getSimpleName());
        }
    }

    private static int index(String s, int size) {
        try {
            int i = Integer.parseInt(s);
            return i >= 0 && i < size ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    private static void send(HttpExchange x, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
