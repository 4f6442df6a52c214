package dev.loomscope.jfr.analysis;

import java.util.Locale;

/** The report's answer in plain words: did the server and its client calls share carriers, and how? */
final class Verdict {

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
                     Report.Pinning pinning, Usage usage) {
        StringBuilder text = new StringBuilder();
        long requestCount = requests == null ? 0 : requests.count();
        long callCount = calls == null ? 0 : calls.count();
        if (requests == null && calls == null) {
            text.append("Cannot tell: the recording has no loomscope.ServerRequest or loomscope.ClientCall events"
                        + " (record with loomscope.jfc).");
            text.append(threads == null
                    ? " Virtual thread start and end events were not recorded either (they are off in the JDK's"
                      + " default settings)."
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
                    .append(" held a carrier for ").append(millis(pinning.totalMillis())).append(" in total (longest ")
                    .append(millis(pinning.maxMillis())).append(", most time at ")
                    .append(pinning.groups().get(0).topFrame()).append(").");
        } else if (pinning != null) {
            text.append(" No virtual thread was pinned.");
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
        return "; up to " + decimal(requests.multiplexingRatio()) + " requests were in flight per carrier ("
               + count(requests.peakInFlight()) + " at the peak)";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double share) {
        long rounded = Math.round(share * 100);
        if (rounded == 0 && share > 0) {
            return "under 1%";
        }
        if (rounded == 100 && share < 1) {
            return "over 99%";
        }
        return rounded + "%";
    }

    static String decimal(double value) {
        return value == Math.rint(value) ? count((long) value) : String.format(Locale.ROOT, "%,.1f", value);
    }

    static String millis(double millis) {
        return String.format(Locale.ROOT, millis >= 100 ? "%,.0f ms" : "%.1f ms", millis);
    }
}
