package dev.troupe.examples.iot;

import java.util.concurrent.CompletionStage;

/**
 * Where devices upload readings: the seam between the fleet and a remote service. {@link SimulatedCloud} is the
 * service itself; a decorator (a circuit breaker, a rate limiter) wraps it by implementing this interface too.
 *
 * <p><b>Contract.</b> {@link #upload} may be called from any thread, concurrently, must not block and must not
 * throw: every problem is a failed stage. A stage that fails with {@link UploadRejectedException} means the
 * upload was refused before reaching the service (counted as <em>rejected</em>); any other failure means the
 * service failed it (counted as <em>failed</em>). The stage may complete on any thread.
 */
public interface CloudGateway {

    /** Uploads one reading; completes when the service acknowledged it. */
    CompletionStage<Void> upload(Upload upload);

    /** One reading of one device, on its way to the cloud. */
    record Upload(int deviceId, long sequence, double celsius) {}
}
