package dev.loomscope.server;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.loomscope.client.UpstreamException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Turns failures into small JSON problem bodies (RFC 9457 fields); never a stack trace. */
final class ProblemHandlers {

    private ProblemHandlers() {
    }

    static void badParameter(ServerRequest req, ServerResponse res, BadParameterException e) {
        Map<String, Object> problem = problem(Status.BAD_REQUEST_400, e.getMessage());
        problem.put("field", e.field());
        problem.put("allowed", e.allowed());
        send(res, Status.BAD_REQUEST_400, problem);
    }

    /** 502 or 504 saying in plain words what the upstream did; never the upstream's address or a class name. */
    static void upstreamFailed(ServerRequest req, ServerResponse res, UpstreamException e) {
        Status status = Status.create(e.kind().gatewayStatus());
        Map<String, Object> problem = problem(status, e.getMessage());
        problem.put("failure", e.kind().key());
        if (e.status() != 0) {
            problem.put("upstreamStatus", e.status());
        }
        send(res, status, problem);
    }

    /** A fan-out refused (503, too many calls in flight) or cut short (504, past its deadline). */
    static void fanoutRejected(ServerResponse res, Status status, String detail) {
        send(res, status, problem(status, detail));
    }

    /** A request that arrived after the stop began: the server is draining the ones before it. */
    static void stopping(ServerResponse res) {
        send(res, Status.SERVICE_UNAVAILABLE_503, problem(Status.SERVICE_UNAVAILABLE_503,
                                                          "the server is stopping; retry on another instance"));
    }

    private static Map<String, Object> problem(Status status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status.code());
        problem.put("title", status.reasonPhrase());
        problem.put("detail", detail);
        return problem;
    }

    private static void send(ServerResponse res, Status status, Map<String, Object> problem) {
        res.status(status);
        res.send(problem);
    }
}
