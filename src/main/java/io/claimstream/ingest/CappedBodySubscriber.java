package io.claimstream.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body but gives up, and cancels the transfer, as soon as it grows past the
 * cap: a server streaming without Content-Length must not be able to fill the heap.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** Thrown (as the body's failure) when the body exceeds the cap. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private final long cap;
    private final boolean refuseAtOnce;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private CappedBodySubscriber(long cap, boolean refuseAtOnce) {
        this.cap = cap;
        this.refuseAtOnce = refuseAtOnce;
    }

    /** A subscriber for a response announcing {@code contentLength} bytes (-1 when unknown). */
    static CappedBodySubscriber forLength(long contentLength, long cap) {
        return new CappedBodySubscriber(cap, contentLength > cap);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (refuseAtOnce) {
            s.cancel();
            body.completeExceptionally(tooLarge());
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (buffer.size() + (long) item.remaining() > cap) {
                subscription.cancel();
                body.completeExceptionally(tooLarge());
                return;
            }
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            buffer.write(bytes, 0, bytes.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    private TooLargeException tooLarge() {
        return new TooLargeException("response larger than the limit of " + ByteSizes.describe(cap));
    }
}
