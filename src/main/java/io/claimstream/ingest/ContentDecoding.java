package io.claimstream.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Undoes gzip/deflate Content-Encoding without letting a small bomb expand past the cap. */
final class ContentDecoding {

    private ContentDecoding() {
    }

    static byte[] decode(byte[] body, String contentEncoding, long cap) throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "":
            case "identity":
                return body;
            case "gzip":
            case "x-gzip":
                return readCapped(new GZIPInputStream(new ByteArrayInputStream(body)), cap, encoding);
            case "deflate":
                return inflate(body, cap);
            default:
                throw new IOException("unsupported Content-Encoding '" + contentEncoding + "'");
        }
    }

    /** "deflate" should be zlib-wrapped, but some servers send raw deflate: accept both. */
    private static byte[] inflate(byte[] body, long cap) throws IOException {
        try {
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(false)), cap, "deflate");
        } catch (CappedBodySubscriber.TooLargeException e) {
            throw e;
        } catch (IOException zlibFailed) {
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)), cap, "deflate");
        }
    }

    private static byte[] readCapped(InputStream in, long cap, String encoding) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (bytes.length > cap) {
                throw new CappedBodySubscriber.TooLargeException(
                    "response larger than the limit of " + ByteSizes.describe(cap) + " once " + encoding + "-decoded");
            }
            return bytes;
        } catch (CappedBodySubscriber.TooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot decode the " + encoding + " body: " + e.getMessage(), e);
        }
    }
}
