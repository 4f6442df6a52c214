package dev.loomscope.jfr.analysis;

/** The report's answer in plain words: did the server and its client calls share carriers, and how? */
public final class Verdict {

    /**
     * Facts the report's sections do not hold.
     *
     * @param virtualThreads    distinct virtual threads that ran requests or calls
     * @param carriers          distinct carriers of requests and calls
     * @param sharedCarriers    carriers that ran both requests and calls
     * @param requestsOnPlatform requests handled on platform threads
     * @param callsOnPlatform   calls made on platform threads
     */
    record Usage(long virtualThreads, int carriers, int sharedCarriers, long requestsOnPlatform,
                 long callsOnPlatform) {
    }

    private Verdict() {
    }

    static String of(Report.Requests requests, Report.ClientCalls calls, Report.VirtualThreads threads,
                     Report.Pinning pinning, Usage usage, Integer jdkFeature, Slices slices) {
        StringBuilder text = new StringBuilder();
        long requestCount = requests == null ? 0 : requests.count();
        long callCount = calls == null ? 0 : calls.count();
        if (requests == null && calls == null && JdkVersion.withoutVirtualThreads(jdkFeature)) {
            return "Cannot tell: JDK " + jdkFeature + " has no virtual threads (they are final from JDK "
                   + JdkVersion.VIRTUAL_THREADS + "); loomscope's questions apply to JDK 21 and later.";
        }
        if (requests == null && calls == null && slices != null) {
            // Any application run with the recorder: the slices alone say how its virtual threads shared carriers.
            text.append("The recorder's slices show ").append(count(slices.virtualThreads().count()))
                    .append(" virtual threads taking turns on ").append(count(slices.carriers().size()))
                    .append(slices.carriers().size() == 1 ? " carrier" : " carriers").append(" in ")
                    .append(count(slices.count())).append(" slices; ")
                    .append(percent(slices.virtualThreads().migrationShare()))
                    .append(" of consecutive slices of one thread changed carrier. It has no loomscope.ServerRequest"
                            + " or loomscope.ClientCall events, so requests and client calls are not told apart.");
        } else if (requests == null && calls == null) {
            text.append("Cannot tell: the recording has no loomscope.ServerRequest or loomscope.ClientCall events"
                        + " (record with loomscope.jfc).");
            text.append(threads == null
                    ? " Virtual thread start and end events were not recorded either (they are off in the JDK's"
                      + " default settings)."
                    : threads.started() == null ? ""
                    : " It shows " + count(threads.started()) + " virtual threads started.");
        } else if (requestCount == 0 && callCount == 0) {
            text.append("Cannot tell: loomscope events were enabled but no request or client call was recorded.");
        } else if (callCount == 0) {
            text.append("No client calls were recorded: ").append(count(requestCount)).append(" requests ran on ")
                    .append(threadsAndCarriers(usage)).append(inFlight(requests)).append('.');
        } else if (requestCount == 0) {
            text.append("No requests were recorded: ").append(count(callCount)).append(" client calls ran on ")
                    .append(threadsAndCarriers(usage)).append('.');
        } else {
            boolean allVirtual = usage.requestsOnPlatform() == 0 && usage.callsOnPlatform() == 0;
            if (usage.sharedCarriers() > 0) {
                text.append("Yes: ");
            } else if (!allVirtual) {
                text.append("No, not as virtual threads: ");
            } else {
                text.append("No: requests and client calls ran on different carriers; ");
            }
            text.append(count(requestCount)).append(" requests and their ").append(count(callCount))
                    .append(" client calls ran on ").append(threadsAndCarriers(usage));
            if (!allVirtual) {
                text.append(" (").append(count(usage.requestsOnPlatform())).append(" requests and ")
                        .append(count(usage.callsOnPlatform())).append(" calls on platform threads)");
            }
            text.append("; ").append(onHandler(calls));
            text.append("; ").append(percent(calls.resumedOnOtherCarrierShare()))
                    .append(" resumed on another carrier after the call");
            text.append(inFlight(requests)).append('.');
        }
        if (pinning != null && pinning.count() > 0) {
            text.append(' ').append(count(pinning.count())).append(pinning.count() == 1 ? " pin" : " pins")
                    .append(" on ").append(Formats.counted(pinning.threads(), "virtual thread"))
                    .append(" held a carrier for ").append(millis(pinning.totalMillis())).append(" in total (longest ")
                    .append(millis(pinning.maxMillis())).append(", most time in ")
                    .append(PinMethods.hottest(pinning)).append(").");
        } else if (pinning != null) {
            text.append(' ').append(noPin(pinning)).append('.');
        }
        return text.toString();
    }

    private static String threadsAndCarriers(Usage usage) {
        return count(usage.virtualThreads()) + " virtual threads carried by " + count(usage.carriers())
               + (usage.carriers() == 1 ? " carrier thread" : " carrier threads");
    }

    private static String onHandler(Report.ClientCalls calls) {
        if (calls.onHandlerThread() == calls.count()) {
            return "every client call ran on its handler's own virtual thread";
        }
        if (calls.onHandlerThread() == 0) {
            return "no client call ran on its handler's thread (each ran on a thread of its own)";
        }
        return count(calls.onHandlerThread()) + " of the client calls (" + percent(calls.onHandlerThreadShare())
               + ") ran on their handler's own virtual thread, the others on threads of their own";
    }

    private static String inFlight(Report.Requests requests) {
        if (requests == null || requests.multiplexingRatio() == null) {
            return "";
        }
        double ratio = requests.multiplexingRatio();
        return "; up to " + decimal(ratio) + (ratio == 1 ? " request was" : " requests were")
               + " in flight per carrier (" + count(requests.peakInFlight()) + " at the peak)";
    }

    /**
     * "No pin of 20 ms or more (this recording's threshold)", or "No virtual thread was pinned" when every pin was
     * recorded: with the JDK's default threshold a recording without pins says nothing of shorter ones.
     */
    public static String noPin(Report.Pinning pinning) {
        return pinning.threshold() == null ? "No virtual thread was pinned"
                : "No pin of " + pinning.threshold() + " or more (this recording's threshold)";
    }

    private static String count(long n) {
        return Formats.count(n);
    }

    private static String percent(double share) {
        return Formats.percent(share);
    }

    private static String decimal(double value) {
        return Formats.decimal(value, 1);
    }

    private static String millis(double millis) {
        return Formats.millis(millis);
    }
}
